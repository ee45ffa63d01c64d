import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from "type-graphql";
import { operatorOf, type GatewayContext } from "../context";
import { Handover } from "../handover/handover.entity";
import { PlaceInfo } from "../places/place.types";
import { Repair } from "../repairs/repair.entity";
import { Operator, Role } from "./operator.entity";
import { OperatorService } from "./operator.service";
import { Session } from "./session.entity";
import { readSession } from "./session.service";

@InputType()
export class OperatorInput {
  @Field(() => String, { description: "Telegram username, with or without '@'" })
  login: string;

  @Field(() => [Role], { description: "the roles to give (at least one)" })
  roles: Role[];

  @Field(() => ID, { nullable: true, description: "the warehouse; validated with scooters-misc" })
  placeId?: string | null;
}

function operators(ctx: GatewayContext) {
  return new OperatorService(ctx);
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
  setPlace(@Arg("placeId", () => ID, { description: "the warehouse's id (wh-1)" }) placeId: string, @Ctx() ctx: GatewayContext): Promise<Operator> {
    return operators(ctx).setPlace(operatorOf(ctx), placeId);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Operator, { description: "ADMIN only" })
  upsertOperator(@Arg("input", () => OperatorInput, { description: "the operator" }) input: OperatorInput, @Ctx() ctx: GatewayContext): Promise<Operator> {
    return operators(ctx).upsert(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Operator, { description: "ADMIN only" })
  deactivateOperator(@Arg("login", () => String, { description: "the operator's login" }) login: string, @Ctx() ctx: GatewayContext): Promise<Operator> {
    return operators(ctx).deactivate(login);
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description:
      "the Telegram user id the login is bound to, after the first message through the bot; shown to ADMIN and to the operator themself, null to others",
  })
  telegramUserId(@Root() operator: Operator, @Ctx() ctx: GatewayContext): string | null {
    const caller = ctx.identity.operator;
    return caller && (caller.hasRole(Role.ADMIN) || caller.login === operator.login) ? operator.telegramUserId : null;
  }
}

@Resolver(() => Operator)
export class OperatorPlaceResolver {
  @FieldResolver(() => PlaceInfo, {
    nullable: true,
    description: "the operator's warehouse with its name; null without one, or when the places directory does not answer",
  })
  place(@Root() operator: Operator, @Ctx() ctx: GatewayContext): Promise<PlaceInfo | null> {
    return operator.placeId ? ctx.loaders.place.load(operator.placeId) : Promise.resolve(null);
  }
}

@Resolver(() => Session)
export class SessionResolver {
  @FieldResolver(() => Operator, { description: "the operator this session is of" })
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
