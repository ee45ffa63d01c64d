import type { EntityManager } from "@mikro-orm/postgresql";
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Resolver, Root } from "type-graphql";
import { operatorOf, type GatewayContext } from "../context";
import { BadUserInputError, ForbiddenError } from "../errors";
import { HandoverKind } from "../handover/handover.entity";
import { ScanResult } from "../handover/handover.resolver";
import { HandoverService } from "../handover/handover.service";
import { Session } from "../operators/session.entity";
import { lockSession, readSession } from "../operators/session.service";
import { mayScanAhead, TelegramService } from "./telegram.service";

function botOnly(ctx: GatewayContext): void {
  operatorOf(ctx);
  if (ctx.identity.error || ctx.identity.via !== "bot") throw new ForbiddenError("Only the bot (with its service token) keeps Telegram bookkeeping.");
}

const MAX_STEP_LENGTH = 500;

@ObjectType({ description: "what the bot asks first of every update: whether it is its to handle, and who sent it" })
export class TelegramUpdateOpened {
  @Field(() => Boolean, { description: "true when this update is the caller's to handle (as claimTelegramUpdate)" })
  claimed: boolean;

  @Field(() => Session, {
    description: "the calling operator's session, read after the claim (as me); with a scan made, its handover's progress counts the scan",
  })
  me: Session;

  /** the scan made ahead, or why it failed (given as the error of the field `scan`) */
  scanned: { result: ScanResult } | { error: unknown } | null;
}

@InputType({
  description:
    "a scan the bot expects this update to be: a plain text with one accumulator id while the operator's last known session was a handover of this kind",
})
export class TelegramScanInput {
  @Field(() => HandoverKind, { description: "GIVE: as accumulatorTaken; GET: as accumulatorReturned" })
  kind: HandoverKind;

  @Field(() => ID, { description: "the accumulator id the text names" })
  accumulatorId: string;
}

/** The bot's bookkeeping: which Telegram updates are handled, and what it waits for from each operator. */
@Resolver(() => TelegramUpdateOpened)
export class TelegramResolver {
  @Authorized()
  @Mutation(() => TelegramUpdateOpened, {
    description:
      "bot only: claimTelegramUpdate and me in one round trip, the first thing the bot asks of every update; with `scan`, also that scan (one round trip fewer per scanned message) when the update is claimed and the session is a handover of that kind with no bot step pending",
  })
  async openTelegramUpdate(
    @Arg("updateId", () => ID, { description: "Telegram's update_id" }) updateId: string,
    @Arg("scan", () => TelegramScanInput, {
      nullable: true,
      description: "the scan the bot expects the update to be; made only when the session is as the bot expects (see TelegramUpdateOpened.scan)",
    })
    scan: TelegramScanInput | null | undefined,
    @Ctx() ctx: GatewayContext,
  ): Promise<TelegramUpdateOpened> {
    botOnly(ctx);
    const operator = operatorOf(ctx);
    const claimed = await new TelegramService(ctx.em).claim(updateId);
    const me = await readSession(ctx.em, operator.login);
    if (!scan || !claimed || !mayScanAhead(operator, me, scan.kind)) return { claimed, me, scanned: null };
    // the same call as accumulatorTaken/accumulatorReturned: its failure is the `scan` field's error, the claim and the session stay
    const scanned = await new HandoverService(ctx, ctx.deps.outbox).scan(operator, scan.kind, scan.accumulatorId).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    return { claimed, me, scanned };
  }

  @FieldResolver(() => ScanResult, {
    nullable: true,
    description:
      "the scan asked with `scan`, as accumulatorTaken/accumulatorReturned answer it (its error, when it fails, is this field's); null when none was asked or it was not made: the update was not claimed, or the session is not a handover of that kind with no bot step pending, or the operator is no keeper (the bot then handles the update as usual)",
  })
  scan(@Root() opened: TelegramUpdateOpened): ScanResult | null {
    if (!opened.scanned) return null;
    if ("error" in opened.scanned) throw opened.scanned.error;
    return opened.scanned.result;
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
