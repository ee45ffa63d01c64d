import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from "@mikro-orm/core";
import { Field, Float, ID, ObjectType, registerEnumType } from "type-graphql";
import { Operator } from "../operators/operator.entity";

export enum RepairStatus {
  PERFORMING = "PERFORMING",
  CANCELLED = "CANCELLED",
  FAILED = "FAILED",
  COMPLETED = "COMPLETED",
}
registerEnumType(RepairStatus, { name: "RepairStatus" });

export enum JobStatus {
  PERFORMING = "PERFORMING",
  CANCELLED = "CANCELLED",
  FAILED = "FAILED",
  COMPLETED = "COMPLETED",
}
registerEnumType(JobStatus, { name: "JobStatus" });

/** An entry of the job-type catalogue, seeded by a migration with the ten types of the repair seed. */
@ObjectType({ description: "An entry of the job-type catalogue (stored in the database; the first migration adds the ten types field repairs started with)." })
@Entity({ tableName: "job_type" })
export class JobType {
  [PrimaryKeyProp]?: "code";
  [OptionalProps]?: "titleEn" | "variants" | "active" | "createdAt";

  @Field(() => ID, { description: "stable code, e.g. BRAKE_ADJUSTMENT" })
  @PrimaryKey({ type: "text" })
  code: string;

  @Field(() => String, { description: "the Russian title" })
  @Property({ type: "text" })
  titleRu: string;

  @Field(() => String, { nullable: true, description: "the English title" })
  @Property({ type: "text", nullable: true })
  titleEn: string | null = null;

  @Field(() => [String], { description: "allowed variants, e.g. REPLACE, REPAIR; empty when the type has none" })
  @Property({ type: "text[]" })
  variants: string[] = [];

  @Field(() => Boolean, { description: "retired types stay readable in history but cannot be started" })
  @Property({ type: "boolean" })
  active: boolean = true;

  @Property({ type: "datetime", defaultRaw: "now()" })
  createdAt: Date = new Date();
}

/** A work order: one vehicle repaired by one performer at one place. */
@ObjectType()
@Entity({ tableName: "repair" })
@Index({ properties: ["vehicleId", "startedAt"] })
@Index({ properties: ["performer", "startedAt"] })
@Index({ properties: ["startedAt", "id"] }) // analytics: newest-first pages and periods
@Index({ properties: ["placeId", "startedAt"] }) // analytics: a warehouse's period
@Index({
  name: "repair_open_or_finished_index", // analytics: repairs still open after a period's start
  expression: `create index "repair_open_or_finished_index" on "repair" ((coalesce("finished_at", 'infinity'::timestamptz)))`,
})
export class Repair {
  [OptionalProps]?: "status" | "startedAt" | "finishedAt" | "mileageAtStartKm";

  @Field(() => ID, { description: "the client's repairId, also the idempotency token" })
  @PrimaryKey({ type: "text" })
  id: string;

  @Field(() => ID, { description: "the vehicle under repair" })
  @Property({ type: "text" })
  vehicleId: string;

  @Field(() => ID, { description: "the warehouse where it is repaired" })
  @Property({ type: "text" })
  placeId: string;

  @ManyToOne(() => Operator, { fieldName: "performer_login" })
  performer: Operator;

  @Field(() => RepairStatus, { description: "PERFORMING until it ends" })
  @Enum({ items: () => RepairStatus })
  status: RepairStatus = RepairStatus.PERFORMING;

  @Field(() => Date, { description: "when it started" })
  @Property({ type: "datetime", defaultRaw: "now()" })
  startedAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: "when it ended; null while performing" })
  @Property({ type: "datetime", nullable: true })
  finishedAt: Date | null = null;

  @Field(() => Float, { nullable: true, description: "odometer read from the vehicle backend when the repair started" })
  @Property({ type: "double", nullable: true })
  mileageAtStartKm: number | null = null;
}

/** One typed job inside a repair (brakes adjusted, fender replaced, ...). */
@ObjectType()
@Entity({ tableName: "repair_job" })
@Index({ properties: ["type", "repair"] }) // analytics: the job-type filter and grouping
@Index({
  name: "repair_job_repair_id_covering_index",
  expression: `create index "repair_job_repair_id_covering_index" on "repair_job" ("repair_id") include ("type_code", "status", "started_at", "finished_at")`,
})
@Index({
  // analytics: the jobs of a period, with the copies of their repair's columns that the database
  // keeps on each job (repair_started_at, vehicle_id, place_id, performer_login, repair_status,
  // repair_duration_seconds, and first_of_type; not mapped here: see Migration20261202040000 and
  // Migration20261202070000) and the stored duration_seconds
  name: "repair_job_of_period_index",
  expression: `create index "repair_job_of_period_index" on "repair_job" ("repair_started_at") include ("repair_id", "type_code", "status", "duration_seconds", "vehicle_id", "place_id", "performer_login", "repair_status", "repair_duration_seconds", "first_of_type")`,
})
export class Job {
  [OptionalProps]?: "variant" | "status" | "startedAt" | "finishedAt";

  @Field(() => ID, { description: "the client's jobId, also the idempotency token" })
  @PrimaryKey({ type: "text" })
  id: string;

  @ManyToOne(() => Repair, { index: true })
  repair: Repair;

  @ManyToOne(() => JobType, { fieldName: "type_code" })
  type: JobType;

  @Field(() => String, { nullable: true, description: "the variant chosen (REPLACE, REPAIR, ...), when the type has variants" })
  @Property({ type: "text", nullable: true })
  variant: string | null = null;

  @Field(() => JobStatus, { description: "PERFORMING until it ends" })
  @Enum({ items: () => JobStatus })
  status: JobStatus = JobStatus.PERFORMING;

  @Field(() => Date, { description: "when it started" })
  @Property({ type: "datetime", defaultRaw: "now()" })
  startedAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: "when it ended; null while performing" })
  @Property({ type: "datetime", nullable: true })
  finishedAt: Date | null = null;
}

/** Whole seconds between two instants; null while there is no end. */
export function durationSeconds(startedAt: Date, finishedAt: Date | null): number | null {
  return finishedAt ? Math.max(0, Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000)) : null;
}
