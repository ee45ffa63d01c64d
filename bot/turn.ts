import { ClientError } from "graphql-request";
import type { Context } from "node-telegram-bot-api";
import type { Logger } from "pino";
import { formatFor, type Format } from "./format";
import { gatewayFor, type Gateway } from "./gateway-client";
import type { JobTypeCache } from "./job-types";
import type {
  HandoverKind,
  JobTypesQuery,
  MeQuery,
  OpenTelegramUpdateMutation,
  OpenTelegramUpdateScanningMutation,
  SdkFunctionWrapper,
} from "./generated/graphql";
import { isRecord, langOf, messages, type ErrorFacts, type Lang, type Messages } from "./messages";

/** A scan the update is expected to be (see scanAheadOf). */
export interface ScanAhead {
  kind: HandoverKind;
  accumulatorId: string;
}

/** A scan's answer, as open() and AccumulatorTaken/Returned give it. */
type ScanOutcome = NonNullable<OpenTelegramUpdateScanningMutation["openTelegramUpdate"]["scan"]>;

export type Keyboard = { inline_keyboard: ({ text: string; callback_data: string } | { text: string; url: string })[][] };

export interface BotDeps {
  gatewayUrl: string;
  serviceToken: string;
  logger: Logger;
  /** the company's time zone, for dates shown to people */
  timeZone: string;
  /** DASHBOARD_URL: where /stats links to; none when unset */
  dashboardUrl?: string;
  /** fetches a Telegram file by file_id */
  download(fileId: string): Promise<Uint8Array>;
  /** the job types, reused for a while (see JobTypeCache) */
  jobTypes?: JobTypeCache;
  /** wraps every gateway operation (the bot's metrics time them by name) */
  gatewayWrapper?: SdkFunctionWrapper;
}

const NO_BUTTONS: Keyboard = { inline_keyboard: [] };

/**
 * One Telegram update being handled: who sent it, in which language, the gateway acting for them,
 * and what the gateway says their session is. Nothing here outlives the update.
 *
 * Buttons: a chat has at most one message with live buttons, the one the gateway has on record
 * (Session.botKeyboardMessageId). A new message with buttons takes the buttons off the one before;
 * a press on the live message is answered by editing it in place (one Telegram call); a press on
 * any other message is outdated: its buttons are taken away and nothing else happens.
 */
export class Turn {
  readonly lang: Lang;
  readonly t: Messages;
  readonly f: Format;
  readonly gw: Gateway;
  me!: MeQuery["me"];
  /** the short notice shown on the pressed button (answerCallbackQuery) */
  toast: string | undefined;
  /** whether this update has answered the person yet */
  answered = false;
  /** the scan made with open(), until the flow takes it */
  private ahead: (ScanAhead & { outcome: { result: ScanOutcome } | { error: unknown } }) | null = null;

  constructor(
    readonly ctx: Context,
    readonly deps: BotDeps,
  ) {
    const from = ctx.from!;
    this.lang = langOf(from.language_code);
    this.t = messages(this.lang);
    this.f = formatFor(this.lang, deps.timeZone);
    this.gw = gatewayFor(
      deps.gatewayUrl,
      deps.serviceToken,
      { id: from.id, username: from.username, lang: this.lang },
      `tg-${ctx.update.update_id}`,
      deps.gatewayWrapper,
    );
  }

  get userId(): number {
    return this.ctx.from!.id;
  }

  get chatId(): number {
    return this.ctx.chatId!;
  }

  /** The message this update carries, or the one whose button was pressed. */
  get messageId(): number {
    return this.ctx.message?.message_id ?? this.ctx.callbackQuery?.message?.message_id ?? 0;
  }

  /** A press on the message that has the chat's live buttons. */
  get livePress(): boolean {
    const pressed = this.ctx.callbackQuery?.message?.message_id;
    return pressed !== undefined && String(pressed) === this.me.botKeyboardMessageId;
  }

  /** The text of the message whose button was pressed, when Telegram still gives it. */
  private get pressedText(): string | undefined {
    const message = this.ctx.callbackQuery?.message;
    return message && "text" in message ? message.text : undefined;
  }

  /**
   * Answers with `text` and the buttons of what can be done next: by editing the pressed message
   * when a button of the live message was pressed and it is not a record (a summary), else with a new message.
   */
  async show(text: string, keyboard?: Keyboard): Promise<void> {
    // a record (a summary) pressed under stays as it is: the answer comes below it, and its buttons go
    if (this.livePress && !this.answered && !isRecord(this.pressedText)) return this.edit(text, keyboard);
    return this.send(text, keyboard);
  }

  /** A new message; with buttons, it becomes the live one and the one before loses its buttons. */
  async send(text: string, keyboard?: Keyboard): Promise<void> {
    const sent = await this.ctx.reply(text, keyboard ? { reply_markup: keyboard } : {});
    this.answered = true;
    if (!keyboard) return;
    const before = (await this.gw.ReplaceBotKeyboard({ messageId: String(sent.message_id) })).replaceBotKeyboard;
    this.me = { ...this.me, botKeyboardMessageId: String(sent.message_id) };
    if (before) await this.dropButtons(Number(before));
  }

  /** The pressed message, edited in place. */
  private async edit(text: string, keyboard?: Keyboard): Promise<void> {
    const messageId = this.ctx.callbackQuery!.message!.message_id;
    this.answered = true;
    try {
      await this.ctx.api.editMessageText({ chat_id: this.chatId, message_id: messageId, text, reply_markup: keyboard ?? NO_BUTTONS });
    } catch (error) {
      if (/not modified/i.test(String((error as Error)?.message))) return;
      // the message cannot be edited (deleted, too old): the answer comes as a new message
      return this.send(text, keyboard);
    }
    if (!keyboard) {
      await this.gw.ReplaceBotKeyboard({ messageId: null });
      this.me = { ...this.me, botKeyboardMessageId: null };
    }
  }

  /** Takes the buttons off a message; a message that is gone or already bare is fine. */
  async dropButtons(messageId: number): Promise<void> {
    await this.ctx.api.editMessageReplyMarkup({ chat_id: this.chatId, message_id: messageId, reply_markup: NO_BUTTONS }).catch(() => {});
  }

  /**
   * The update's first call: claims it for this bot and reads the session it is handled in; with
   * `scan`, the scan the update is expected to be is made in the same call when the gateway finds
   * the session so (see scanAheadOf), and waits for the flow in takeScanAhead.
   */
  async open(updateId: string, scan?: ScanAhead): Promise<{ claimed: boolean }> {
    let opened: OpenTelegramUpdateMutation["openTelegramUpdate"];
    if (!scan) ({ openTelegramUpdate: opened } = await this.gw.OpenTelegramUpdate({ updateId }));
    else
      try {
        const { openTelegramUpdate } = await this.gw.OpenTelegramUpdateScanning({ updateId, scan });
        opened = openTelegramUpdate;
        if (openTelegramUpdate.scan) this.ahead = { ...scan, outcome: { result: openTelegramUpdate.scan } };
      } catch (error) {
        // a gateway that does not know `scan` yet (the bot deployed first): the update is opened as before
        if (errorCode(error) === "GRAPHQL_VALIDATION_FAILED") return this.open(updateId);
        // the scan failed, the claim and the session did not: its error is the flow's, as if it had asked itself
        const data = error instanceof ClientError ? (error.response.data as OpenTelegramUpdateScanningMutation | undefined)?.openTelegramUpdate : undefined;
        const onlyTheScan = error instanceof ClientError && error.response.errors?.every((e) => e.path?.[0] === "openTelegramUpdate" && e.path[1] === "scan");
        if (!data || !onlyTheScan) throw error;
        opened = data;
        this.ahead = { ...scan, outcome: { error } };
      }
    this.me = opened.me;
    return { claimed: opened.claimed };
  }

  /** The scan made with the update's first call, if it is this one: its answer, once; its error is thrown. */
  takeScanAhead(kind: HandoverKind, accumulatorId: string): ScanOutcome | null {
    const ahead = this.ahead;
    if (!ahead || ahead.kind !== kind || ahead.accumulatorId !== accumulatorId) return null;
    this.ahead = null;
    if ("error" in ahead.outcome) throw ahead.outcome.error;
    return ahead.outcome.result;
  }

  /** Whether a scan made with the first call was not taken by the flow (a bug: the person was not told of it). */
  get scanAheadUntaken(): boolean {
    return this.ahead !== null;
  }

  /** The job types in this person's language, as the gateway listed them at most a minute ago. */
  jobTypes(): Promise<JobTypesQuery["jobTypes"]> {
    const ask = async () => (await this.gw.JobTypes()).jobTypes;
    return this.deps.jobTypes ? this.deps.jobTypes.get(this.lang, ask) : ask();
  }

  async refresh(): Promise<MeQuery["me"]> {
    this.me = (await this.gw.Me()).me;
    return this.me;
  }

  async setStep(step: string | null): Promise<void> {
    if (step === this.me.botStep) return;
    await this.gw.SetBotStep({ step });
    this.me = { ...this.me, botStep: step };
  }

  /** A gateway error in the person's words, from its code and structured fields; never the gateway's message. */
  explain(error: unknown): string {
    const facts = { ...errorFacts(error) };
    if (facts.jobType) {
      // the running one of that type and variant (an earlier, ended job of the same type may be listed too)
      const jobs = this.me?.repair?.jobs.filter((j) => j.type.code === facts.jobType) ?? [];
      const job =
        jobs.find((j) => j.status === "PERFORMING" && (facts.jobVariant === undefined || (j.variant ?? null) === facts.jobVariant)) ??
        jobs.find((j) => j.status === "PERFORMING") ??
        jobs.at(-1);
      if (job) facts.jobTitle = this.t.jobName({ title: job.type.title, variant: job.variant ?? null });
    }
    return this.t.error(errorCode(error), facts);
  }
}

/** The input field the gateway named in a BAD_USER_INPUT error, if any. */
export function errorField(error: unknown): string | undefined {
  const field = errorFacts(error).field;
  return typeof field === "string" ? field : undefined;
}

/** The structured fields (extensions) of a failed call. */
export function errorFacts(error: unknown): ErrorFacts {
  if (!(error instanceof ClientError)) return {};
  return (error.response.errors?.[0]?.extensions as ErrorFacts | undefined) ?? {};
}

/**
 * The gateway's extensions.code of a failed call; GATEWAY_DOWN when the gateway could not be
 * reached; BOT_ERROR for anything else (a bug of the bot, or Telegram refusing a call).
 */
export function errorCode(error: unknown): string {
  if (error instanceof ClientError) {
    const code = error.response.errors?.[0]?.extensions?.code;
    return typeof code === "string" ? code : "INTERNAL_SERVER_ERROR";
  }
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  if (error instanceof TypeError && (/fetch failed/i.test(error.message) || typeof cause?.code === "string")) return "GATEWAY_DOWN";
  return "BOT_ERROR";
}

/** The GraphQL operation a failed call was, for the log. */
export function errorOperation(error: unknown): string | undefined {
  if (!(error instanceof ClientError)) return undefined;
  const query = error.request.query;
  const text = typeof query === "string" ? query : Array.isArray(query) ? query.join("\n") : "";
  return /\b(?:query|mutation)\s+(\w+)/.exec(text)?.[1];
}
