import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { operatorOf, type GatewayContext } from "../context";
import { pageSize } from "../input";
import { Operator, Role } from "../operators/operator.entity";
import { Session } from "../operators/session.entity";
import { Handover, HandoverKind, HandoverScan } from "./handover.entity";
import { HandoverService } from "./handover.service";
import { doneAccumulators, expectedOf, facts, handoverProgress } from "./rules";

@ObjectType()
export class BookedAccumulator {
  @Field(() => ID, { description: "the accumulator's id (its QR code)" })
  accumulatorId: string;

  @Field(() => ID, { nullable: true, description: "the cabinet cell it stands in, when scooter-accumulator says" })
  cellId: string | null;

  @Field(() => Float, { nullable: true, description: "charge when the handover opened, as scooter-accumulator reported it" })
  chargePercent: number | null;

  @Field(() => Boolean, { description: "recorded as taken (GIVE) or returned (GET) in this handover" })
  done: boolean;
}

@ObjectType()
export class BookingInfo {
  @Field(() => ID, { description: "the cabinet (its QR code)" })
  cabinetId: string;

  @Field(() => ID, { description: "the contractor who takes or returns the accumulators" })
  contractorId: string;

  @Field(() => HandoverKind, { description: "GIVE or GET" })
  kind: HandoverKind;

  @Field(() => [BookedAccumulator], { description: "the booked accumulators (GIVE); empty for GET, whose booking names cells" })
  accumulators: BookedAccumulator[];

  @Field(() => Int, { description: "empty cells booked for returns (GET)" })
  cellsForReturn: number;

  @Field(() => [ID], { description: "the ids of the empty cells booked for returns (GET)" })
  returnCells: string[];

  @Field(() => Session, { description: "the caller's session, now in the handover's state" })
  session: Session;

  @Field(() => Handover, { description: "the handover this call opened" })
  handover: Handover;

  @Field(() => Handover, { nullable: true, description: "the handover that was still open and was closed (REPLACED) to open this one" })
  replacedHandover: Handover | null;
}

@ObjectType()
export class ScanResult {
  @Field(() => HandoverScan, { description: "the scan as recorded (the booked spelling of the id)" })
  scan: HandoverScan;

  @Field(() => Handover, { description: "the handover the scan belongs to" })
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
  @Field(() => ID, { nullable: true, description: "the cabinet (its QR code)" })
  cabinetId?: string | null;

  @Field(() => ID, { nullable: true, description: "the contractor who takes or returns the accumulators" })
  contractorId?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 20, description: "how many, 1 to 200" })
  first?: number | null;
}

function handovers(ctx: GatewayContext) {
  return new HandoverService(ctx, ctx.deps.outbox);
}

async function booked(handover: Handover, ctx: GatewayContext): Promise<BookedAccumulator[]> {
  const done = doneAccumulators(await ctx.loaders.scanFactsOfHandover.load(handover.id));
  return handover.bookedAccumulators.map((a) => ({ ...a, done: done.has(a.accumulatorId) }));
}

@Resolver(() => Handover)
export class HandoverResolver {
  @Authorized(Role.ACCUMULATOR_KEEPER)
  @Mutation(() => BookingInfo, {
    description: "asks scooter-accumulator cabinet/booking_info and opens a handover: the session becomes GIVE_ACCUMULATORS or GET_ACCUMULATORS",
  })
  async bookingInfo(
    @Arg("cabinetId", () => ID, { description: "the cabinet (its QR code)" }) cabinetId: string,
    @Arg("contractorId", () => ID, { description: "the contractor" }) contractorId: string,
    @Arg("kind", () => HandoverKind, { defaultValue: HandoverKind.GIVE, description: "GIVE: hand out booked accumulators; GET: take accumulators back" })
    kind: HandoverKind,
    @Ctx() ctx: GatewayContext,
  ): Promise<BookingInfo> {
    const { handover, session, replaced } = await handovers(ctx).open(operatorOf(ctx), cabinetId, contractorId, kind);
    return {
      cabinetId: handover.cabinetId,
      contractorId: handover.contractorId,
      kind,
      accumulators: await booked(handover, ctx),
      cellsForReturn: handover.cellsForReturn,
      returnCells: handover.returnCells,
      session,
      handover,
      replacedHandover: replaced,
    };
  }

  @Authorized(Role.ACCUMULATOR_KEEPER)
  @Mutation(() => ScanResult, { description: "one scanned accumulator in an open GIVE handover (contractor and cabinet come from the session)" })
  accumulatorTaken(
    @Arg("accumulatorId", () => ID, { description: "the scanned accumulator; matched to the booked ids regardless of case and Cyrillic look-alike letters" })
    accumulatorId: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<ScanResult> {
    return handovers(ctx).scan(operatorOf(ctx), HandoverKind.GIVE, accumulatorId);
  }

  @Authorized(Role.ACCUMULATOR_KEEPER)
  @Mutation(() => ScanResult, { description: "one scanned accumulator in an open GET handover" })
  accumulatorReturned(
    @Arg("accumulatorId", () => ID, { description: "the scanned accumulator; matched to the booked ids regardless of case and Cyrillic look-alike letters" })
    accumulatorId: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<ScanResult> {
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

  @FieldResolver(() => Operator, { description: "the keeper who opened the handover" })
  async operator(@Root() handover: Handover, @Ctx() ctx: GatewayContext): Promise<Operator> {
    return (await ctx.loaders.operator.load(handover.operator.login))!;
  }

  @FieldResolver(() => [BookedAccumulator], { description: "the accumulators booked when the handover opened, each with whether it is done" })
  booked(@Root() handover: Handover, @Ctx() ctx: GatewayContext): Promise<BookedAccumulator[]> {
    return booked(handover, ctx);
  }

  @FieldResolver(() => Int, { description: "GIVE: booked accumulators done; GET: accumulators returned (as ScanResult.done)" })
  async done(@Root() handover: Handover, @Ctx() ctx: GatewayContext): Promise<number> {
    return handoverProgress(facts(handover), await ctx.loaders.scanFactsOfHandover.load(handover.id)).done;
  }

  @FieldResolver(() => Int, { description: "GIVE: booked accumulators; GET: cells booked for return (as ScanResult.expected)" })
  expected(@Root() handover: Handover): number {
    return expectedOf(facts(handover)); // from the booking alone: no scan is read
  }

  @FieldResolver(() => [HandoverScan], { description: "every scan of this handover, oldest first" })
  scans(@Root() handover: Handover, @Ctx() ctx: GatewayContext): Promise<HandoverScan[]> {
    return ctx.loaders.scansOfHandover.load(handover.id);
  }
}
