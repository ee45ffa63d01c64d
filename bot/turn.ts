import { ClientError } from "graphql-request";
import type { Context } from "node-telegram-bot-api";
import type { Logger } from "pino";
import { gatewayFor, type Gateway } from "./gateway-client";
import type { MeQuery } from "./generated/graphql";
import { langOf, messages, type Lang, type Messages } from "./messages";

export type Keyboard = { inline_keyboard: ({ text: string; callback_data: string } | { text: string; url: string })[][] };

export interface BotDeps {
  gatewayUrl: string;
  serviceToken: string;
  logger: Logger;
  /** DASHBOARD_URL: where /stats links to; none when unset */
  dashboardUrl?: string;
  /** fetches a Telegram file by file_id */
  download(fileId: string): Promise<Uint8Array>;
}

/**
 * One Telegram update being handled: who sent it, in which language, the gateway acting for them,
 * and what the gateway says their session is. Nothing here outlives the update.
 */
export class Turn {
  readonly lang: Lang;
  readonly t: Messages;
  readonly gw: Gateway;
  me!: MeQuery["me"];

  constructor(
    readonly ctx: Context,
    readonly deps: BotDeps,
  ) {
    const from = ctx.from!;
    this.lang = langOf(from.language_code);
    this.t = messages(this.lang);
    this.gw = gatewayFor(deps.gatewayUrl, deps.serviceToken, { id: from.id, username: from.username }, `tg-${ctx.update.update_id}`);
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

  async reply(text: string, keyboard?: Keyboard): Promise<void> {
    await this.ctx.reply(text, keyboard ? { reply_markup: keyboard } : {});
  }

  async refresh(): Promise<MeQuery["me"]> {
    this.me = (await this.gw.Me()).me;
    return this.me;
  }

  async setStep(step: string | null): Promise<void> {
    await this.gw.SetBotStep({ step });
    this.me = { ...this.me, botStep: step };
  }

  /** A gateway error as a sentence that says what to do (with the gateway's detail when it helps). */
  explain(error: unknown): string {
    const code = errorCode(error);
    const sentence = this.t.errors[code] ?? this.t.errors.INTERNAL;
    const detail = error instanceof ClientError ? error.response.errors?.[0]?.message : undefined;
    const detailed = ["FORBIDDEN", "BAD_USER_INPUT", "NOT_FOUND", "CONFLICT", "INVALID_STATE", "UPSTREAM_REJECTED"].includes(code);
    return detailed && detail ? `${sentence}\n${detail}` : sentence;
  }
}

/** The input field the gateway named in a BAD_USER_INPUT error, if any. */
export function errorField(error: unknown): string | undefined {
  if (!(error instanceof ClientError)) return undefined;
  const field = error.response.errors?.[0]?.extensions?.field;
  return typeof field === "string" ? field : undefined;
}

/** The gateway's extensions.code of a failed call; GATEWAY_DOWN when the gateway could not be reached. */
export function errorCode(error: unknown): string {
  if (error instanceof ClientError) {
    const code = error.response.errors?.[0]?.extensions?.code;
    return typeof code === "string" ? code : "INTERNAL";
  }
  return "GATEWAY_DOWN";
}
