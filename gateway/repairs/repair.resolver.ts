import { ArrayMaxSize, MaxLength } from "class-validator";
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { operatorOf, type GatewayContext } from "../context";
import { pageSize } from "../input";
import { Operator, Role } from "../operators/operator.entity";
import { durationSeconds, Job, JobStatus, JobType, Repair, RepairStatus } from "./repair.entity";
import { RepairService } from "./repair.service";

@InputType()
export class StartRepairInput {
  @Field(() => ID, { description: "client-generated (UUID); repeating the same call returns the same repair" })
  repairId: string;

  @Field(() => ID)
  vehicleId: string;

  @Field(() => ID, { nullable: true, description: "defaults to the operator's placeId; validated with scooters-misc" })
  placeId?: string | null;
}

@InputType()
export class StartJobInput {
  @Field(() => ID)
  repairId: string;

  @Field(() => ID, { description: "client-generated (UUID); repeating the same call returns the same job" })
  jobId: string;

  @Field(() => ID, { description: "a JobType code" })
  type: string;

  @Field(() => String, { nullable: true })
  variant?: string | null;
}

const TITLE_MAX = 200;
const VARIANTS_MAX = 50;
const VARIANT_MAX = 64;

@InputType()
export class JobTypeInput {
  @Field(() => ID)
  code: string;

  @Field(() => String)
  @MaxLength(TITLE_MAX)
  titleRu: string;

  @Field(() => String, { nullable: true })
  @MaxLength(TITLE_MAX)
  titleEn?: string | null;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(VARIANTS_MAX)
  @MaxLength(VARIANT_MAX, { each: true })
  variants?: string[] | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;
}

function repairs(ctx: GatewayContext) {
  return new RepairService(ctx.em, ctx.deps.upstreams, ctx.call);
}

@Resolver(() => Repair)
export class RepairResolver {
  @Authorized(Role.REPAIRER)
  @Mutation(() => Repair)
  startRepair(@Arg("input", () => StartRepairInput) input: StartRepairInput, @Ctx() ctx: GatewayContext): Promise<Repair> {
    return repairs(ctx).startRepair(operatorOf(ctx), input);
  }

  @Authorized(Role.REPAIRER, Role.ADMIN)
  @Mutation(() => Repair, { description: "COMPLETED needs every job ended; CANCELLED and FAILED also end the performing job with the same status" })
  endRepair(
    @Arg("repairId", () => ID) repairId: string,
    @Arg("status", () => RepairStatus, { defaultValue: RepairStatus.COMPLETED }) status: RepairStatus,
    @Ctx() ctx: GatewayContext,
  ): Promise<Repair> {
    return repairs(ctx).endRepair(operatorOf(ctx), repairId, status);
  }

  @Authorized(Role.REPAIRER, Role.ADMIN)
  @Mutation(() => Job)
  startJob(@Arg("input", () => StartJobInput) input: StartJobInput, @Ctx() ctx: GatewayContext): Promise<Job> {
    return repairs(ctx).startJob(operatorOf(ctx), input);
  }

  @Authorized(Role.REPAIRER, Role.ADMIN)
  @Mutation(() => Job)
  endJob(
    @Arg("jobId", () => ID) jobId: string,
    @Arg("status", () => JobStatus, { defaultValue: JobStatus.COMPLETED }) status: JobStatus,
    @Ctx() ctx: GatewayContext,
  ): Promise<Job> {
    return repairs(ctx).endJob(operatorOf(ctx), jobId, status);
  }

  @Authorized()
  @Query(() => Repair, { nullable: true })
  repair(@Arg("id", () => ID) id: string, @Ctx() ctx: GatewayContext): Promise<Repair | null> {
    return repairs(ctx).repair(id);
  }

  @Authorized()
  @Query(() => [Repair], { description: "newest first" })
  repairHistory(
    @Arg("vehicleId", () => ID) vehicleId: string,
    @Arg("first", () => Int, { nullable: true, defaultValue: 10 }) first: number | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<Repair[]> {
    return repairs(ctx).history(vehicleId, pageSize(first, 10));
  }

  @FieldResolver(() => Operator)
  async performer(@Root() repair: Repair, @Ctx() ctx: GatewayContext): Promise<Operator> {
    return (await ctx.loaders.operator.load(repair.performer.login))!;
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
  @FieldResolver(() => ID)
  repairId(@Root() job: Job): string {
    return job.repair.id;
  }

  @FieldResolver(() => JobType)
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
  @Query(() => [JobType])
  jobTypes(@Ctx() ctx: GatewayContext): Promise<JobType[]> {
    return repairs(ctx).jobTypes();
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => JobType, { description: "ADMIN only" })
  upsertJobType(@Arg("input", () => JobTypeInput) input: JobTypeInput, @Ctx() ctx: GatewayContext): Promise<JobType> {
    return repairs(ctx).upsertJobType(input);
  }

  @FieldResolver(() => String, { description: "title in the caller's language (Accept-Language; Russian by default)" })
  title(@Root() type: JobType, @Ctx() ctx: GatewayContext): string {
    return ctx.language === "en" && type.titleEn ? type.titleEn : type.titleRu;
  }
}
