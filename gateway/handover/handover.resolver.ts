import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { operatorOf, type GatewayContext } from "../context";
import { pageSize } from "../input";
import { Operator, Role } from "../operators/operator.entity";
import { Session } from "../operators/session.entity";
import { Handover, HandoverKind, HandoverScan } from "./handover.entity";
import { HandoverService } from "./handover.service";
import { facts } from "./handover.service";
import { doneAccumulators, handoverProgress } from "./progress";

@ObjectType()
export class BookedAccumulator {
  @Field(() => ID)
  accumulatorId: string;

  @Field(() => ID, { nullable: true })
  cellId: string | null;

  @Field(() => Float, { nullable: true, description: "charge when the handover opened, as scooter-accumulator reported it" })
  chargePercent: number | null;

  @Field(() => Boolean, { description: "recorded as taken (GIVE) or returned (GET) in this handover" })
  done: boolean;
}

@ObjectType()
export class BookingInfo {
  @Field(() => ID)
  cabinetId: string;

  @Field(() => ID)
  contractorId: string;

  @Field(() => HandoverKind)
  kind: HandoverKind;

  @Field(() => [BookedAccumulator])
  accumulators: BookedAccumulator[];

  @Field(() => Int)
  cellsForReturn: number;

  @Field(() => Session)
  session: Session;

  @Field(() => Handover, { description: "the handover this call opened" })
  handover: Handover;

  @Field(() => Handover, { nullable: true, description: "the handover that was still open and was closed (REPLACED) to open this one" })
  replacedHandover: Handover | null;
}

@ObjectType()
export class ScanResult {
  @Field(() => HandoverScan)
  scan: HandoverScan;

  @Field(() => Handover)
  handover: Handover;

  @Field(() => Boolean, { description: "true when this accumulator was already scanned in this handover (nothing sent upstream again)" })
  duplicate: boolean;

  @Field(() => Int, { description: "GIVE: booked accumulators done; GET: accumulators returned" })
  done: number;

  @Field(() => Int, { description: "GIVE: booked accumulators; GET: cells booked for return" })
  expected: number;
}

@ArgsType()
class HandoversArgs {
  @Field(() => ID, { nullable: true })
  cabinetId?: string | null;

  @Field(() => ID, { nullable: true })
  contractorId?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 20 })
  first?: number | null;
}

function handovers(ctx: GatewayContext) {
  return new HandoverService(ctx.em, ctx.deps.upstreams, ctx.deps.outbox, ctx.call);
}

async function booked(handover: Handover, ctx: GatewayContext): Promise<BookedAccumulator[]> {
  const done = doneAccumulators(await ctx.loaders.scansOfHandover.load(handover.id));
  return handover.bookedAccumulators.map((a) => ({ ...a, done: done.has(a.accumulatorId) }));
}

@Resolver(() => Handover)
export class HandoverResolver {
  @Authorized(Role.ACCUMULATOR_KEEPER)
  @Mutation(() => BookingInfo, {
    description:
      "asks scooter-accumulator cabinet/booking_info and opens a handover: the session becomes GIVE_ACCUMULATORS or GET_ACCUMULATORS",
  })
  async bookingInfo(
    @Arg("cabinetId", () => ID) cabinetId: string,
    @Arg("contractorId", () => ID) contractorId: string,
    @Arg("kind", () => HandoverKind, { defaultValue: HandoverKind.GIVE }) kind: HandoverKind,
    @Ctx() ctx: GatewayContext,
  ): Promise<BookingInfo> {
    const { handover, session, replaced } = await handovers(ctx).open(operatorOf(ctx), cabinetId, contractorId, kind);
    return {
      cabinetId: handover.cabinetId,
      contractorId: handover.contractorId,
      kind,
      accumulators: await booked(handover, ctx),
      cellsForReturn: handover.cellsForReturn,
      session,
      handover,
      replacedHandover: replaced,
    };
  }

  @Authorized(Role.ACCUMULATOR_KEEPER)
  @Mutation(() => ScanResult, { description: "one scanned accumulator in an open GIVE handover (contractor and cabinet come from the session)" })
  accumulatorTaken(@Arg("accumulatorId", () => ID) accumulatorId: string, @Ctx() ctx: GatewayContext): Promise<ScanResult> {
    return handovers(ctx).scan(operatorOf(ctx), HandoverKind.GIVE, accumulatorId);
  }

  @Authorized(Role.ACCUMULATOR_KEEPER)
  @Mutation(() => ScanResult, { description: "one scanned accumulator in an open GET handover" })
  accumulatorReturned(@Arg("accumulatorId", () => ID) accumulatorId: string, @Ctx() ctx: GatewayContext): Promise<ScanResult> {
    return handovers(ctx).scan(operatorOf(ctx), HandoverKind.GET, accumulatorId);
  }

  @Authorized(Role.ACCUMULATOR_KEEPER)
  @Mutation(() => Handover, { description: "closes the open handover; the session goes back to NONE" })
  finishHandover(@Ctx() ctx: GatewayContext): Promise<Handover> {
    return handovers(ctx).finish(operatorOf(ctx));
  }

  @Authorized(Role.ACCUMULATOR_KEEPER, Role.ADMIN, Role.MANAGER)
  @Query(() => [Handover], { description: "newest first" })
  handovers(@Args(() => HandoversArgs) args: HandoversArgs, @Ctx() ctx: GatewayContext): Promise<Handover[]> {
    return handovers(ctx).list({ ...args, first: pageSize(args.first, 20) });
  }

  @FieldResolver(() => Operator)
  async operator(@Root() handover: Handover, @Ctx() ctx: GatewayContext): Promise<Operator> {
    return (await ctx.loaders.operator.load(handover.operator.login))!;
  }

  @FieldResolver(() => [BookedAccumulator])
  booked(@Root() handover: Handover, @Ctx() ctx: GatewayContext): Promise<BookedAccumulator[]> {
    return booked(handover, ctx);
  }

  @FieldResolver(() => Int, { description: "GIVE: booked accumulators done; GET: accumulators returned (as ScanResult.done)" })
  async done(@Root() handover: Handover, @Ctx() ctx: GatewayContext): Promise<number> {
    return handoverProgress(facts(handover), await ctx.loaders.scansOfHandover.load(handover.id)).done;
  }

  @FieldResolver(() => Int, { description: "GIVE: booked accumulators; GET: cells booked for return (as ScanResult.expected)" })
  async expected(@Root() handover: Handover, @Ctx() ctx: GatewayContext): Promise<number> {
    return handoverProgress(facts(handover), await ctx.loaders.scansOfHandover.load(handover.id)).expected;
  }

  @FieldResolver(() => [HandoverScan], { description: "every scan of this handover, oldest first" })
  scans(@Root() handover: Handover, @Ctx() ctx: GatewayContext): Promise<HandoverScan[]> {
    return ctx.loaders.scansOfHandover.load(handover.id);
  }
}
