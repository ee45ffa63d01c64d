import { ArrayMaxSize, MaxLength } from "class-validator";
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { operatorOf, type GatewayContext } from "../context";
import { pageSize } from "../input";
import { Operator, Role } from "../operators/operator.entity";
import { durationSeconds, Job, JobStatus, JobType, Repair, RepairStatus } from "./repair.entity";
import { RepairService } from "./repair.service";
import { PlaceInfo } from "../places/place.types";

@InputType()
export class StartRepairInput {
  @Field(() => ID, { description: "client-generated (UUID); repeating the same call returns the same repair" })
  repairId: string;

  @Field(() => ID, { description: "the vehicle to repair" })
  vehicleId: string;

  @Field(() => ID, { nullable: true, description: "defaults to the operator's placeId; validated with scooters-misc" })
  placeId?: string | null;
}

@InputType()
export class StartJobInput {
  @Field(() => ID, { description: "the repair to add the job to" })
  repairId: string;

  @Field(() => ID, { description: "client-generated (UUID); repeating the same call returns the same job" })
  jobId: string;

  @Field(() => ID, { description: "a JobType code" })
  type: string;

  @Field(() => String, { nullable: true, description: "one of the type's variants; required when it has any" })
  variant?: string | null;
}

const TITLE_MAX = 200;
const VARIANTS_MAX = 50;
const VARIANT_MAX = 64;

@InputType()
export class JobTypeInput {
  @Field(() => ID, { description: "stable code, latin capitals, digits and _ (BRAKE_ADJUSTMENT)" })
  code: string;

  @Field(() => String, { description: "the Russian title" })
  @MaxLength(TITLE_MAX)
  titleRu: string;

  @Field(() => String, { nullable: true, description: "the English title; the Russian one is shown when missing" })
  @MaxLength(TITLE_MAX)
  titleEn?: string | null;

  @Field(() => [String], { nullable: true, description: "allowed variant codes (REPLACE, REPAIR, ...); an empty list for none" })
  @ArrayMaxSize(VARIANTS_MAX)
  @MaxLength(VARIANT_MAX, { each: true })
  variants?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "false retires the type: still readable, cannot be started" })
  active?: boolean | null;
}

function repairs(ctx: GatewayContext) {
  return new RepairService(ctx);
}

@Resolver(() => Repair)
export class RepairResolver {
  @Authorized(Role.REPAIRER)
  @Mutation(() => Repair, {
    description:
      "starts a repair of a vehicle by the caller at their warehouse (or placeId): the session becomes REPAIR; mileage is read from Drive (null when Drive does not answer, filled in later)",
  })
  startRepair(
    @Arg("input", () => StartRepairInput, { description: "the repair, job or job type" }) input: StartRepairInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<Repair> {
    return repairs(ctx).startRepair(operatorOf(ctx), input);
  }

  @Authorized(Role.REPAIRER, Role.ADMIN)
  @Mutation(() => Repair, { description: "COMPLETED needs every job ended; CANCELLED and FAILED also end the performing job with the same status" })
  endRepair(
    @Arg("repairId", () => ID, { description: "the repair's id" }) repairId: string,
    @Arg("status", () => RepairStatus, { defaultValue: RepairStatus.COMPLETED, description: "how it ended" }) status: RepairStatus,
    @Ctx() ctx: GatewayContext,
  ): Promise<Repair> {
    return repairs(ctx).endRepair(operatorOf(ctx), repairId, status);
  }

  @Authorized(Role.REPAIRER, Role.ADMIN)
  @Mutation(() => Job, { description: "starts a typed job in a performing repair; one job performs at a time" })
  startJob(@Arg("input", () => StartJobInput, { description: "the repair, job or job type" }) input: StartJobInput, @Ctx() ctx: GatewayContext): Promise<Job> {
    return repairs(ctx).startJob(operatorOf(ctx), input);
  }

  @Authorized(Role.REPAIRER, Role.ADMIN)
  @Mutation(() => Job, { description: "ends the performing job as COMPLETED, FAILED or CANCELLED" })
  endJob(
    @Arg("jobId", () => ID, { description: "the job's id" }) jobId: string,
    @Arg("status", () => JobStatus, { defaultValue: JobStatus.COMPLETED, description: "how it ended" }) status: JobStatus,
    @Ctx() ctx: GatewayContext,
  ): Promise<Job> {
    return repairs(ctx).endJob(operatorOf(ctx), jobId, status);
  }

  @Authorized()
  @Query(() => Repair, { nullable: true, description: "one repair by its id; null when there is none" })
  repair(@Arg("id", () => ID, { description: "the repair's id" }) id: string, @Ctx() ctx: GatewayContext): Promise<Repair | null> {
    return repairs(ctx).repair(id);
  }

  @Authorized()
  @Query(() => [Repair], { description: "newest first" })
  repairHistory(
    @Arg("vehicleId", () => ID, { description: "the vehicle" }) vehicleId: string,
    @Arg("first", () => Int, { nullable: true, defaultValue: 10, description: "how many, 1 to 200" }) first: number | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<Repair[]> {
    return repairs(ctx).history(vehicleId, pageSize(first, 10));
  }

  @FieldResolver(() => Operator, { description: "who performs the repair" })
  async performer(@Root() repair: Repair, @Ctx() ctx: GatewayContext): Promise<Operator> {
    return (await ctx.loaders.operator.load(repair.performer.login))!;
  }

  @FieldResolver(() => PlaceInfo, { nullable: true, description: "the repair's warehouse with its name; null when the places directory does not answer" })
  place(@Root() repair: Repair, @Ctx() ctx: GatewayContext): Promise<PlaceInfo | null> {
    return ctx.loaders.place.load(repair.placeId);
  }

  @FieldResolver(() => Int, { nullable: true, description: "finishedAt minus startedAt; null while performing" })
  durationSeconds(@Root() repair: Repair): number | null {
    return durationSeconds(repair.startedAt, repair.finishedAt);
  }

  @FieldResolver(() => [Job], { description: "oldest first" })
  jobs(@Root() repair: Repair, @Ctx() ctx: GatewayContext): Promise<Job[]> {
    return ctx.loaders.jobsOfRepair.load(repair.id);
  }
}

@Resolver(() => Job)
export class JobResolver {
  @FieldResolver(() => ID, { description: "the repair this job belongs to" })
  repairId(@Root() job: Job): string {
    return job.repair.id;
  }

  @FieldResolver(() => JobType, { description: "the job type" })
  async type(@Root() job: Job, @Ctx() ctx: GatewayContext): Promise<JobType> {
    return (await ctx.loaders.jobType.load(job.type.code))!;
  }

  @FieldResolver(() => Int, { nullable: true, description: "finishedAt minus startedAt; null while performing" })
  durationSeconds(@Root() job: Job): number | null {
    return durationSeconds(job.startedAt, job.finishedAt);
  }
}

@Resolver(() => JobType)
export class JobTypeResolver {
  @Authorized()
  @Query(() => [JobType], { description: "the job-type catalogue: active ones first" })
  jobTypes(@Ctx() ctx: GatewayContext): Promise<JobType[]> {
    return repairs(ctx).jobTypes();
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => JobType, { description: "ADMIN only" })
  upsertJobType(
    @Arg("input", () => JobTypeInput, { description: "the repair, job or job type" }) input: JobTypeInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<JobType> {
    return repairs(ctx).upsertJobType(input);
  }

  @FieldResolver(() => String, { description: "title in the caller's language (Accept-Language; Russian by default)" })
  title(@Root() type: JobType, @Ctx() ctx: GatewayContext): string {
    return ctx.language === "en" && type.titleEn ? type.titleEn : type.titleRu;
  }
}
