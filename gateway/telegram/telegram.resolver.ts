import type { EntityManager } from "@mikro-orm/postgresql";
import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Resolver } from "type-graphql";
import { operatorOf, type GatewayContext } from "../context";
import { BadUserInputError, ForbiddenError } from "../errors";
import { Session } from "../operators/session.entity";
import { lockSession, readSession } from "../operators/session.service";
import { TelegramService } from "./telegram.service";

function botOnly(ctx: GatewayContext): void {
  operatorOf(ctx);
  if (ctx.identity.error || ctx.identity.via !== "bot") throw new ForbiddenError("Only the bot (with its service token) keeps Telegram bookkeeping.");
}

const MAX_STEP_LENGTH = 500;

@ObjectType({ description: "what the bot asks first of every update: whether it is its to handle, and who sent it" })
export class TelegramUpdateOpened {
  @Field(() => Boolean, { description: "true when this update is the caller's to handle (as claimTelegramUpdate)" })
  claimed: boolean;

  @Field(() => Session, { description: "the calling operator's session, read after the claim (as me)" })
  me: Session;
}

/** The bot's bookkeeping: which Telegram updates are handled, and what it waits for from each operator. */
@Resolver()
export class TelegramResolver {
  @Authorized()
  @Mutation(() => TelegramUpdateOpened, {
    description: "bot only: claimTelegramUpdate and me in one round trip, the first thing the bot asks of every update",
  })
  async openTelegramUpdate(
    @Arg("updateId", () => ID, { description: "Telegram's update_id" }) updateId: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<TelegramUpdateOpened> {
    botOnly(ctx);
    const claimed = await new TelegramService(ctx.em).claim(updateId);
    return { claimed, me: await readSession(ctx.em, operatorOf(ctx).login) };
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "bot only: true when this update is the caller's to handle (first delivery, or a stale claim)" })
  claimTelegramUpdate(@Arg("updateId", () => ID, { description: "Telegram's update_id" }) updateId: string, @Ctx() ctx: GatewayContext): Promise<boolean> {
    botOnly(ctx);
    return new TelegramService(ctx.em).claim(updateId);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "bot only: the update is handled; a redelivery will be ignored" })
  completeTelegramUpdate(@Arg("updateId", () => ID, { description: "Telegram's update_id" }) updateId: string, @Ctx() ctx: GatewayContext): Promise<boolean> {
    botOnly(ctx);
    return new TelegramService(ctx.em).complete(updateId);
  }

  @Authorized()
  @Mutation(() => ID, {
    nullable: true,
    description:
      "bot only: records the bot's newest message with live buttons in the caller's chat and returns the one recorded before (whose buttons the bot then removes), or null",
  })
  replaceBotKeyboard(
    @Arg("messageId", () => ID, { nullable: true, description: "the Telegram message id; null: no message has live buttons now" })
    given: string | null | undefined,
    @Ctx() ctx: GatewayContext,
  ): Promise<string | null> {
    botOnly(ctx);
    const messageId = given ?? null; // omitted: none, like null
    if (messageId !== null && !/^\d{1,20}$/.test(messageId))
      throw new BadUserInputError("A Telegram message id is a number.", "messageId").with({ reason: "BAD_CHARACTERS" });
    return new TelegramService(ctx.em).replaceKeyboard(operatorOf(ctx).login, messageId);
  }

  @Authorized()
  @Mutation(() => Session, { description: "remembers what the bot asked the calling operator (null: nothing)" })
  setBotStep(
    @Arg("step", () => String, { nullable: true, description: "the bot's own name for the step (at most 500 characters)" }) given: string | null | undefined,
    @Ctx() ctx: GatewayContext,
  ): Promise<Session> {
    const step = given ?? null; // an omitted step clears it, like null
    if (step !== null && step.length > MAX_STEP_LENGTH) throw new BadUserInputError(`A bot step is at most ${MAX_STEP_LENGTH} characters.`, "step");
    const login = operatorOf(ctx).login;
    return ctx.em.transactional(async (em: EntityManager) => {
      const session = await lockSession(em, login);
      session.botStep = step;
      await em.flush();
      return session;
    });
  }
}
