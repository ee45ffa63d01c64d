import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from "type-graphql";
import { operatorOf, type GatewayContext } from "../context";
import { Handover } from "../handover/handover.entity";
import { Repair } from "../repairs/repair.entity";
import { Operator, Role } from "./operator.entity";
import { OperatorService } from "./operator.service";
import { Session } from "./session.entity";
import { readSession } from "./session.service";

@InputType()
export class OperatorInput {
  @Field(() => String)
  login: string;

  @Field(() => [Role])
  roles: Role[];

  @Field(() => ID, { nullable: true })
  placeId?: string | null;
}

function operators(ctx: GatewayContext) {
  return new OperatorService(ctx.em, ctx.deps.upstreams, ctx.call);
}

@Resolver(() => Operator)
export class OperatorResolver {
  @Authorized()
  @Query(() => Session, { description: "the calling operator and their current activity" })
  me(@Ctx() ctx: GatewayContext): Promise<Session> {
    return readSession(ctx.em, operatorOf(ctx).login);
  }

  @Authorized(Role.ADMIN)
  @Query(() => [Operator], { description: "ADMIN only" })
  operators(@Ctx() ctx: GatewayContext): Promise<Operator[]> {
    return operators(ctx).list();
  }

  @Authorized()
  @Mutation(() => Operator, { description: "sets the calling operator's warehouse, validated with scooters-misc" })
  setPlace(@Arg("placeId", () => ID) placeId: string, @Ctx() ctx: GatewayContext): Promise<Operator> {
    return operators(ctx).setPlace(operatorOf(ctx), placeId);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Operator, { description: "ADMIN only" })
  upsertOperator(@Arg("input", () => OperatorInput) input: OperatorInput, @Ctx() ctx: GatewayContext): Promise<Operator> {
    return operators(ctx).upsert(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Operator, { description: "ADMIN only" })
  deactivateOperator(@Arg("login", () => String) login: string, @Ctx() ctx: GatewayContext): Promise<Operator> {
    return operators(ctx).deactivate(login);
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description: "the Telegram user id the login is bound to, after the first message through the bot; shown to ADMIN and to the operator themself, null to others",
  })
  telegramUserId(@Root() operator: Operator, @Ctx() ctx: GatewayContext): string | null {
    const caller = ctx.identity.operator;
    return caller && (caller.hasRole(Role.ADMIN) || caller.login === operator.login) ? operator.telegramUserId : null;
  }
}

@Resolver(() => Session)
export class SessionResolver {
  @FieldResolver(() => Operator)
  async operator(@Root() session: Session, @Ctx() ctx: GatewayContext): Promise<Operator> {
    return (await ctx.loaders.operator.load(session.login))!;
  }

  @FieldResolver(() => Handover, { nullable: true, description: "the open handover while state is GIVE_ACCUMULATORS or GET_ACCUMULATORS" })
  handover(@Root() session: Session): Handover | null {
    return session.handover ?? null;
  }

  @FieldResolver(() => Repair, { nullable: true, description: "the performing repair while state is REPAIR" })
  repair(@Root() session: Session): Repair | null {
    return session.repair ?? null;
  }
}
