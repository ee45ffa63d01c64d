import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody } from "../body";
import type { SentMessage, TelegramStore, Update } from "./store";
import { postUpdate, type WebhookTarget } from "./webhook";

const JSON_FIELDS = new Set(["reply_markup", "commands", "allowed_updates", "link_preview_options"]);

/**
 * The parameters of a Bot API call, as the fake reads them: whatever the bot sent (JSON, or
 * form-encoded strings), with the fields Telegram takes as JSON strings parsed.
 */
export interface BotApiParams {
  offset?: number | string;
  timeout?: number | string;
  chat_id?: number | string;
  message_id?: number | string;
  text?: string;
  reply_markup?: { inline_keyboard?: SentMessage["buttons"][] };
  language_code?: string;
  commands?: BotCommand[];
  url?: string;
  secret_token?: string;
  file_id?: string;
  [name: string]: unknown;
}

interface BotCommand {
  command: string;
  description: string;
}

/** An update waiting for a getUpdates; `__redelivery` marks one handed out again although confirmed. */
type QueuedUpdate = Update & { __redelivery?: boolean };

/**
 * The Bot API double: getUpdates (long polling) or webhook delivery once setWebhook was called,
 * sendMessage, editMessageText and editMessageReplyMarkup (edited in place, as Telegram shows
 * them), answerCallbackQuery, setMyCommands, getFile and file download; 429 with retry_after on
 * request (`failNext`).
 */
export class BotApi {
  readonly calls: { method: string; params: BotApiParams; at: number }[] = [];
  /** by language_code ("" for the default); a language never set is undefined */
  commands: Record<string, BotCommand[] | undefined> = {};
  webhook: WebhookTarget | null = null;
  /** answer the next calls of a method with 429 retry_after */
  private throttle = new Map<string, { times: number; retryAfter: number }>();
  private queue: QueuedUpdate[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    readonly token: string,
    private readonly store: TelegramStore,
  ) {}

  /** Updates waiting for a getUpdates. */
  get queued(): number {
    return this.queue.length;
  }

  failNext(method: string, times: number, retryAfter: number): void {
    this.throttle.set(method, { times, retryAfter });
  }

  /** An update for the bot: posted to the webhook when one is set, else kept for getUpdates. */
  enqueue(update: QueuedUpdate): void {
    if (this.webhook) {
      void postUpdate(this.webhook, update);
      return;
    }
    this.queue.push(update);
    this.wake();
  }

  /** Delivers an update again, as Telegram does when a delivery was not confirmed. */
  redeliver(update: Update): void {
    this.enqueue(this.webhook ? update : { ...update, __redelivery: true });
  }

  /** Ends every waiting long poll. */
  wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  reset(): void {
    this.calls.length = 0;
    this.queue = [];
    this.throttle.clear();
  }

  /** Serves `/bot<token>/<method>` and `/file/bot<token>/<path>`; anything else is a 404. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file && req.method === "GET") {
      const bytes = this.store.files.get(decodeURIComponent(file[2]));
      if (file[1] !== this.token || !bytes) return void res.writeHead(404).end();
      return void res.writeHead(200, { "content-type": "image/png" }).end(Buffer.from(bytes));
    }
    const call = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!call || call[1] !== this.token) return json(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    const method = call[2];
    const params = await readParams(req);
    this.calls.push({ method, params, at: Date.now() });

    const throttled = this.throttle.get(method);
    if (throttled && throttled.times > 0) {
      throttled.times--;
      return json(res, 429, { ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: throttled.retryAfter } });
    }
    const ok = (result: unknown) => json(res, 200, { ok: true, result });
    const store = this.store;

    switch (method) {
      case "getMe":
        return ok({ id: 1, is_bot: true, first_name: "scooter-ops", username: "scooter_ops_bot" });
      case "getUpdates": {
        // like Telegram: an update stays until a later getUpdates confirms it with a higher offset
        const offset = Number(params.offset ?? 0);
        this.queue = this.queue.filter((u) => u.update_id >= offset || u.__redelivery);
        if (this.queue.length === 0) {
          const timeout = Math.min(Number(params.timeout ?? 0), 2) * 1000;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, timeout);
            this.waiters.push(() => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        if (req.socket.destroyed) return; // the bot gave up this poll (stopped): nothing handed out
        const updates = this.queue.filter((u) => u.update_id >= offset || u.__redelivery);
        // a forced redelivery is handed out once
        this.queue = this.queue.filter((u) => !u.__redelivery || !updates.includes(u));
        return ok(updates.map(({ __redelivery, ...u }) => u));
      }
      case "sendMessage": {
        const message: SentMessage = {
          message_id: store.nextMessageId++,
          chat_id: Number(params.chat_id),
          text: String(params.text),
          buttons: (params.reply_markup?.inline_keyboard ?? []).flat(),
          at: Date.now(),
          version: 0,
        };
        store.sent.push(message);
        store.record({ chatId: message.chat_id, messageId: message.message_id, kind: "send", at: message.at });
        store.log.push({
          chatId: message.chat_id,
          from: "bot",
          text: message.text,
          messageId: message.message_id,
          buttons: message.buttons,
          at: message.at,
          version: 0,
        });
        return ok({ message_id: message.message_id, date: 0, chat: { id: message.chat_id, type: "private" }, text: message.text });
      }
      case "editMessageText":
      case "editMessageReplyMarkup": {
        // like Telegram: the bot's own message in that chat, and an edit that changes nothing is a 400
        const message = store.sent.find((m) => m.message_id === Number(params.message_id) && m.chat_id === Number(params.chat_id));
        if (!message) return json(res, 400, { ok: false, error_code: 400, description: "Bad Request: message to edit not found" });
        const text = method === "editMessageText" ? String(params.text) : message.text;
        const buttons = (params.reply_markup?.inline_keyboard ?? []).flat();
        if (text === message.text && JSON.stringify(buttons) === JSON.stringify(message.buttons)) {
          return json(res, 400, { ok: false, error_code: 400, description: "Bad Request: message is not modified" });
        }
        Object.assign(message, { text, buttons, version: message.version + 1, at: Date.now() });
        store.record({ chatId: message.chat_id, messageId: message.message_id, kind: "edit", at: message.at });
        const entry = store.log.find((e) => e.from === "bot" && e.messageId === message.message_id);
        if (entry) Object.assign(entry, { text, buttons, version: message.version });
        return ok({ message_id: message.message_id, date: 0, chat: { id: message.chat_id, type: "private" }, text });
      }
      case "answerCallbackQuery": {
        // its text pops up over the chat in Telegram: the chat page shows it as a note under the press
        const chatId = store.pressChats.get(String(params.callback_query_id));
        store.pressChats.delete(String(params.callback_query_id));
        if (chatId !== undefined && params.text) {
          store.log.push({ chatId, from: "notice", text: String(params.text), messageId: 0, buttons: [], at: Date.now() });
        }
        return ok(true);
      }
      case "deleteWebhook":
        if (method === "deleteWebhook") this.webhook = null;
        return ok(true);
      case "setMyCommands":
        this.commands[params.language_code ?? ""] = params.commands;
        return ok(true);
      case "setWebhook":
        this.webhook = { url: String(params.url), secret: String(params.secret_token) };
        return ok(true);
      case "getFile": {
        const fileId = String(params.file_id);
        if (!store.files.has(fileId)) return json(res, 400, { ok: false, error_code: 400, description: "Bad Request: invalid file_id" });
        return ok({ file_id: fileId, file_unique_id: fileId, file_size: store.files.get(fileId)!.length, file_path: fileId });
      }
      default:
        return json(res, 400, { ok: false, error_code: 400, description: `Bad Request: method ${method} is not in the fake` });
    }
  }
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/** A Bot API call's parameters: JSON or form-encoded, with the fields Telegram takes as JSON strings parsed. */
export async function readParams(req: IncomingMessage): Promise<BotApiParams> {
  const raw = await readBody(req);
  const type = req.headers["content-type"] ?? "";
  const params = (type.includes("application/json") ? (raw ? JSON.parse(raw) : {}) : Object.fromEntries(new URLSearchParams(raw))) as BotApiParams;
  for (const key of Object.keys(params)) {
    const value = params[key];
    if (JSON_FIELDS.has(key) && typeof value === "string") params[key] = JSON.parse(value) as unknown;
  }
  return params;
}
