import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { JobType, Repair, RepairStatus } from "../repairs/repair.entity";

/** Which repairs to count (contract/analytics.graphql). An empty list is the same as no list. */
@InputType({ description: "Which repairs to count. Every field is optional; the periods are half-open [from, to) on the repair's start time." })
export class RepairFilter {
  @Field(() => Date, { nullable: true, description: "period start (inclusive), on the repair's start time" })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "period end (exclusive), on the repair's start time" })
  to?: Date | null;

  @Field(() => [ID], { nullable: true, description: "only these vehicles" })
  vehicleIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: "operator logins" })
  performers?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "only repairs at these warehouses (places)" })
  placeIds?: string[] | null;

  @Field(() => [RepairStatus], { nullable: true, description: "only repairs in these statuses" })
  statuses?: RepairStatus[] | null;

  @Field(() => [ID], { nullable: true, description: "repairs with at least one job of these JobType codes" })
  jobTypes?: string[] | null;
}

export enum RepairGrouping {
  VEHICLE = "VEHICLE",
  PERFORMER = "PERFORMER",
  PLACE = "PLACE",
  JOB_TYPE = "JOB_TYPE",
  DAY = "DAY",
  WEEK = "WEEK",
}
registerEnumType(RepairGrouping, {
  name: "RepairGrouping",
  valuesConfig: {
    DAY: { description: "key YYYY-MM-DD, days counted in the company's time zone (TIME_ZONE)" },
    WEEK: { description: "key YYYY-MM-DD of the week's Monday, in TIME_ZONE" },
  },
});

@ObjectType({ description: "Durations of ended repairs or jobs (ended = COMPLETED, FAILED or CANCELLED), in seconds; null where none ended." })
export class DurationStats {
  @Field(() => Int, { description: "ended repairs or jobs counted" })
  count: number;

  @Field(() => Float, { description: "their durations added up" })
  totalSeconds: number;

  @Field(() => Float, { nullable: true, description: "mean duration" })
  averageSeconds: number | null;

  @Field(() => Float, { nullable: true, description: "median duration (percentile_cont 0.5)" })
  medianSeconds: number | null;

  @Field(() => Float, { nullable: true, description: "90th percentile of the durations (percentile_cont 0.9)" })
  p90Seconds: number | null;
}

@ObjectType()
export class RepairStatsRow {
  @Field(() => String, { description: "the vehicle id, login, place id, job-type code or day" })
  key: string;

  @Field(() => String, { nullable: true, description: "a human title where one exists: the job type's title, the place's name" })
  title: string | null;

  @Field(() => Int, { description: "repairs counted in the row" })
  repairs: number;

  @Field(() => Int, { description: "of them still PERFORMING" })
  performing: number;

  @Field(() => Int, { description: "of them COMPLETED" })
  completed: number;

  @Field(() => Int, { description: "of them FAILED" })
  failed: number;

  @Field(() => Int, { description: "of them CANCELLED" })
  cancelled: number;

  @Field(() => Float, { nullable: true, description: "failed / ended repairs; null when none ended" })
  failureShare: number | null;

  @Field(() => Float, { nullable: true, description: "cancelled / ended repairs; null when none ended" })
  cancellationShare: number | null;

  @Field(() => DurationStats, { description: "durations of the ended repairs" })
  repairTime: DurationStats;

  @Field(() => Int, { description: "JOB_TYPE grouping: the jobs of that type only; otherwise every job of the counted repairs" })
  jobs: number;

  @Field(() => Int, { description: "jobs (as counted in `jobs`) still performing" })
  jobsPerforming: number;

  @Field(() => Int, { description: "jobs COMPLETED" })
  jobsCompleted: number;

  @Field(() => Int, { description: "jobs FAILED" })
  jobsFailed: number;

  @Field(() => Int, { description: "jobs CANCELLED" })
  jobsCancelled: number;

  @Field(() => Float, { nullable: true, description: "failed / ended jobs; null when none ended" })
  jobFailureShare: number | null;

  @Field(() => Float, { nullable: true, description: "cancelled / ended jobs; null when none ended" })
  jobCancellationShare: number | null;

  @Field(() => DurationStats, { description: "durations of the ended jobs" })
  jobTime: DurationStats;

  @Field(() => Float, { nullable: true, description: "VEHICLE grouping: days spent in repair within the period (overlaps clipped to the period)" })
  daysInRepair: number | null;

  @Field(() => Float, { nullable: true, description: "VEHICLE grouping: average kilometres between consecutive repairs (from mileageAtStartKm)" })
  kmBetweenRepairs: number | null;
}

@ObjectType()
export class FleetSummary {
  @Field(() => Int, { description: "repairs that ended (COMPLETED, FAILED or CANCELLED)" })
  repairsFinished: number;

  @Field(() => Float, { nullable: true, description: "median duration of the ended repairs" })
  medianRepairSeconds: number | null;

  @Field(() => Int, { description: "distinct vehicles with a PERFORMING repair" })
  vehiclesInRepairNow: number;

  @Field(() => JobType, { nullable: true, description: "the job type with the most jobs" })
  mostFrequentJobType: JobType | null;

  @Field(() => JobType, { nullable: true, description: "the job type with the highest median duration of ended jobs" })
  slowestJobType: JobType | null;

  @Field(() => Int, { description: "repairs counted (every status)" })
  repairs: number;

  @Field(() => Int, { description: "repairs still performing among the counted ones" })
  performing: number;

  @Field(() => Float, { nullable: true, description: "failed / ended repairs; null when none ended" })
  failureShare: number | null;

  @Field(() => Int, { description: "jobs of the counted repairs" })
  jobs: number;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean, { description: "true when another page follows" })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: "pass as `after` for the next page" })
  endCursor: string | null;
}

@ObjectType()
export class RepairEdge {
  @Field(() => String, { description: "this repair's place in the order" })
  cursor: string;

  @Field(() => Repair, { description: "the repair" })
  node: Repair;
}

@ObjectType()
export class RepairConnection {
  @Field(() => [RepairEdge], { description: "the page, newest first" })
  edges: RepairEdge[];

  @Field(() => PageInfo, { description: "where the next page starts" })
  pageInfo: PageInfo;

  @Field(() => Int, { description: "repairs matching the filter, in all pages" })
  totalCount: number;
}

@ObjectType({ description: "a sign-in to the dashboard that only reads (a MANAGER's view, whatever the caller's roles)" })
export class DashboardSignIn {
  @Field({ description: "a JWT for Authorization: Bearer, or the dashboard's address as #token=…" })
  token: string;

  @Field(() => Date, { description: "when the token stops working" })
  expiresAt: Date;
}
