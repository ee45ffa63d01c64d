import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import QRCode from "qrcode";
import { CHAT_PAGE } from "./chat-page";

/** A message the bot sent (or edited), as a test reads it. */
export interface SentMessage {
  message_id: number;
  chat_id: number;
  text: string;
  /** callback buttons; a URL button has `url` and no callback_data */
  buttons: { text: string; callback_data: string; url?: string }[];
  at: number;
  /** 0 as sent; each edit (text or buttons) adds one */
  version: number;
}

export interface FakeUser {
  id: number;
  username?: string;
  language_code?: string;
  first_name?: string;
}

/** One line of a chat, either side, as the chat page shows it. */
export interface ChatEntry {
  chatId: number;
  from: "user" | "bot";
  text: string;
  photo?: boolean;
  messageId: number;
  buttons: { text: string; callback_data: string }[];
  at: number;
  /** bot messages: 0 as sent, +1 per edit (the chat page shows edits in place) */
  version?: number;
}

const JSON_FIELDS = new Set(["reply_markup", "commands", "allowed_updates", "link_preview_options"]);

/**
 * The built-in Telegram emulator, and the tests' fake Bot API. A local Telegram Bot API double: getUpdates (long polling), webhook delivery with the secret
 * header, sendMessage, editMessageText and editMessageReplyMarkup (edited in place, as Telegram
 * shows them), answerCallbackQuery, setMyCommands, getFile and file download. Tests play users: `send`, `sendPhoto`, `tap`; and read what the bot said per chat.
 */
export class FakeTelegram {
  readonly token = "123456:TEST-TOKEN";
  readonly sent: SentMessage[] = [];
  /** both sides of every chat, for the chat page */
  readonly log: ChatEntry[] = [];
  /** who can write from the chat page */
  users: (FakeUser & { label: string })[] = [];
  /** ids the chat page offers as QR codes */
  codes: Record<string, string[]> = {};
  readonly calls: { method: string; params: Record<string, any>; at: number }[] = [];
  commands: Record<string, { command: string; description: string }[]> = {};
  webhook: { url: string; secret: string } | null = null;
  /** answer the next calls of a method with 429 retry_after */
  private throttle = new Map<string, { times: number; retryAfter: number }>();
  private queue: any[] = [];
  private waiters: (() => void)[] = [];
  private files = new Map<string, Uint8Array>();
  // Telegram's ids only grow; starting from the clock keeps them growing across emulator restarts,
  // so the gateway's record of handled updates and ids derived from messages stay unique
  private nextUpdateId = Math.floor(Date.now() / 100);
  private nextMessageId = Math.floor(Date.now() / 100);
  private server: Server | null = null;
  url = "";

  async start(port = 0, host = "127.0.0.1"): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error) => {
        res.writeHead(500).end(JSON.stringify({ ok: false, description: String(error) }));
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, host, resolve);
    });
    this.url = `http://${host}:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const wake of this.waiters.splice(0)) wake();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  reset(): void {
    this.sent.length = 0;
    this.changes.length = 0;
    this.log.length = 0;
    this.calls.length = 0;
    this.queue = [];
    this.throttle.clear();
  }

  /** Sends and edits of the bot in each chat, in order: what a person sees change. */
  readonly changes: { chatId: number; messageId: number; kind: "send" | "edit"; at: number }[] = [];

  /** The bot's messages to this chat, oldest first. */
  chat(chatId: number): SentMessage[] {
    return this.sent.filter((m) => m.chat_id === chatId);
  }

  failNext(method: string, times: number, retryAfter: number): void {
    this.throttle.set(method, { times, retryAfter });
  }

  private message(user: FakeUser, extra: Record<string, unknown>) {
    return {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: user.id, type: "private", username: user.username },
      from: { id: user.id, is_bot: false, first_name: user.first_name ?? user.username ?? "user", username: user.username, language_code: user.language_code ?? "ru" },
      ...extra,
    };
  }

  /** The user writes a text; returns the update as sent (so a test can deliver it again). */
  send(user: FakeUser, text: string): any {
    const entities = text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.split(/\s/)[0].length }] : undefined;
    const message = this.message(user, { text, entities });
    this.log.push({ chatId: user.id, from: "user", text, messageId: message.message_id, buttons: [], at: Date.now() });
    return this.push({ message });
  }

  sendPhoto(user: FakeUser, image: Uint8Array, caption?: string): any {
    const fileId = `photo-${this.files.size + 1}`;
    this.files.set(fileId, image);
    this.log.push({ chatId: user.id, from: "user", text: caption ?? "", photo: true, messageId: 0, buttons: [], at: Date.now() });
    return this.push({
      message: this.message(user, {
        caption,
        photo: [
          { file_id: `${fileId}-thumb`, file_unique_id: `${fileId}-t`, width: 90, height: 90 },
          { file_id: fileId, file_unique_id: fileId, width: 800, height: 800 },
        ],
      }),
    });
  }

  /** The user presses the button labelled `label` (or whose text includes it) on `message`. */
  tap(user: FakeUser, message: SentMessage, label: string): any {
    const button = message.buttons.find((b) => b.text === label) ?? message.buttons.find((b) => b.text.includes(label));
    if (!button) throw new Error(`no button "${label}" on message "${message.text}": ${message.buttons.map((b) => b.text).join(" | ")}`);
    this.log.push({ chatId: user.id, from: "user", text: `[${button.text}]`, messageId: 0, buttons: [], at: Date.now() });
    return this.push({
      callback_query: {
        id: `cq-${this.nextUpdateId}`,
        from: { id: user.id, is_bot: false, first_name: user.username ?? "user", username: user.username, language_code: user.language_code ?? "ru" },
        chat_instance: "ci",
        data: button.callback_data,
        message: { message_id: message.message_id, date: 0, chat: { id: message.chat_id, type: "private" }, text: message.text },
      },
    });
  }

  /** Delivers an update again, as Telegram does when a delivery was not confirmed. */
  redeliver(update: any): void {
    this.enqueue(this.webhook ? update : { ...update, __redelivery: true });
  }

  private push(partial: Record<string, unknown>): any {
    const update = { update_id: this.nextUpdateId++, ...partial };
    this.enqueue(update);
    return update;
  }

  private enqueue(update: any): void {
    if (this.webhook) {
      void this.deliverWebhook(update);
      return;
    }
    this.queue.push(update);
    for (const wake of this.waiters.splice(0)) wake();
  }

  private async deliverWebhook(update: any, secret = this.webhook!.secret): Promise<number> {
    const response = await fetch(this.webhook!.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
      body: JSON.stringify(update),
    });
    await response.text();
    return response.status;
  }

  /** Posts an update to the webhook with another secret; returns the HTTP status. */
  forgeWebhook(update: any, secret: string): Promise<number> {
    return this.deliverWebhook(update, secret);
  }

  /** Waits until the chat has at least `count` bot messages; returns them all. */
  async waitFor(chatId: number, count: number, timeoutMs = 8000): Promise<SentMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.chat(chatId).length < count) {
      if (Date.now() > deadline) {
        throw new Error(`chat ${chatId}: waited for ${count} messages, got ${this.chat(chatId).length}:\n${this.chat(chatId).map((m) => m.text).join("\n---\n")}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.chat(chatId);
  }

  /** Sends and waits for `replies` new bot messages in that chat; returns only the new ones. */
  say(user: FakeUser, text: string, replies = 1): Promise<SentMessage[]> {
    return this.repliesTo(user, () => this.send(user, text), replies);
  }

  /**
   * Presses a button and waits for `changes` sends or edits in that chat; returns the messages
   * they touched, in order (an edited message is the same object, now with its new text and buttons).
   */
  async press(user: FakeUser, message: SentMessage, label: string, changes = 1, timeoutMs = 8000): Promise<SentMessage[]> {
    const before = this.changes.length;
    this.tap(user, message, label);
    const deadline = Date.now() + timeoutMs;
    // the answer: a new message, or the pressed one edited (not an older message losing its buttons)
    const answer = (c: (typeof this.changes)[number]) => c.chatId === user.id && (c.kind === "send" || c.messageId === message.message_id);
    for (;;) {
      const mine = this.changes.slice(before).filter(answer);
      if (mine.length >= changes) return mine.slice(0, changes).map((c) => this.sent.find((m) => m.message_id === c.messageId)!);
      if (Date.now() > deadline) throw new Error(`chat ${user.id}: pressed "${label}", waited for ${changes} changes, got ${mine.length}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  photo(user: FakeUser, image: Uint8Array, replies = 1): Promise<SentMessage[]> {
    return this.repliesTo(user, () => this.sendPhoto(user, image), replies);
  }

  /** Does what the user does, then waits for `replies` new bot messages in their chat; returns only those. */
  private async repliesTo(user: FakeUser, act: () => unknown, replies: number): Promise<SentMessage[]> {
    const before = this.chat(user.id).length;
    act();
    return (await this.waitFor(user.id, before + replies)).slice(before);
  }

  /** Resolves when no update is queued and nothing new was sent for `quietMs`. */
  async settle(quietMs = 300): Promise<void> {
    let last = -1;
    for (;;) {
      const count = this.sent.length + this.calls.length;
      if (count === last && this.queue.length === 0) return;
      last = count;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file && req.method === "GET") {
      const bytes = this.files.get(decodeURIComponent(file[2]));
      if (file[1] !== this.token || !bytes) return void res.writeHead(404).end();
      return void res.writeHead(200, { "content-type": "image/png" }).end(Buffer.from(bytes));
    }
    if (url.pathname === "/" || url.pathname.startsWith("/chat/")) return this.serveChat(req, res, url);
    const call = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!call || call[1] !== this.token) return this.reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    const method = call[2];
    const params = await readParams(req);
    this.calls.push({ method, params, at: Date.now() });

    const throttled = this.throttle.get(method);
    if (throttled && throttled.times > 0) {
      throttled.times--;
      return this.reply(res, 429, { ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: throttled.retryAfter } });
    }
    const ok = (result: unknown) => this.reply(res, 200, { ok: true, result });

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
          message_id: this.nextMessageId++,
          chat_id: Number(params.chat_id),
          text: String(params.text),
          buttons: (params.reply_markup?.inline_keyboard ?? []).flat(),
          at: Date.now(),
          version: 0,
        };
        this.sent.push(message);
        this.changes.push({ chatId: message.chat_id, messageId: message.message_id, kind: "send", at: message.at });
        this.log.push({ chatId: message.chat_id, from: "bot", text: message.text, messageId: message.message_id, buttons: message.buttons, at: message.at, version: 0 });
        return ok({ message_id: message.message_id, date: 0, chat: { id: message.chat_id, type: "private" }, text: message.text });
      }
      case "editMessageText":
      case "editMessageReplyMarkup": {
        // like Telegram: the bot's own message in that chat, and an edit that changes nothing is a 400
        const message = this.sent.find((m) => m.message_id === Number(params.message_id) && m.chat_id === Number(params.chat_id));
        if (!message) return this.reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: message to edit not found" });
        const text = method === "editMessageText" ? String(params.text) : message.text;
        const buttons = (params.reply_markup?.inline_keyboard ?? []).flat();
        if (text === message.text && JSON.stringify(buttons) === JSON.stringify(message.buttons)) {
          return this.reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: message is not modified" });
        }
        Object.assign(message, { text, buttons, version: message.version + 1, at: Date.now() });
        this.changes.push({ chatId: message.chat_id, messageId: message.message_id, kind: "edit", at: message.at });
        const entry = this.log.find((e) => e.from === "bot" && e.messageId === message.message_id);
        if (entry) Object.assign(entry, { text, buttons, version: message.version });
        return ok({ message_id: message.message_id, date: 0, chat: { id: message.chat_id, type: "private" }, text });
      }
      case "answerCallbackQuery":
      case "deleteWebhook":
        if (method === "deleteWebhook") this.webhook = null;
        return ok(true);
      case "setMyCommands":
        this.commands[params.language_code ?? ""] = params.commands;
        return ok(true);
      case "setWebhook":
        this.webhook = { url: params.url, secret: params.secret_token };
        return ok(true);
      case "getFile": {
        const fileId = String(params.file_id);
        if (!this.files.has(fileId)) return this.reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: invalid file_id" });
        return ok({ file_id: fileId, file_unique_id: fileId, file_size: this.files.get(fileId)!.length, file_path: fileId });
      }
      default:
        return this.reply(res, 400, { ok: false, error_code: 400, description: `Bad Request: method ${method} is not in the fake` });
    }
  }

  /** The chat page and its API: a person plays a user, the bot answers through the Bot API above. */
  private async serveChat(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method === "GET" && url.pathname === "/") return void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(CHAT_PAGE);
    if (req.method === "GET" && url.pathname === "/chat/users") return this.reply(res, 200, this.users);
    if (req.method === "GET" && url.pathname === "/chat/codes") return this.reply(res, 200, this.codes);
    if (req.method === "GET" && url.pathname === "/chat/log") return this.reply(res, 200, this.log);
    if (req.method === "GET" && url.pathname === "/chat/qr.png") {
      const png = await QRCode.toBuffer(url.searchParams.get("text") ?? "", { type: "png", width: 240, margin: 2 });
      return void res.writeHead(200, { "content-type": "image/png" }).end(png);
    }
    if (req.method !== "POST") return this.reply(res, 404, { error: "not found" });
    const body = (await readParams(req)) as { userId?: number; text?: string; dataUrl?: string; messageId?: number; data?: string };
    const user = this.users.find((u) => u.id === Number(body.userId));
    if (!user) return this.reply(res, 400, { error: "unknown user" });
    switch (url.pathname) {
      case "/chat/send":
        if (!body.text?.trim()) return this.reply(res, 400, { error: "empty message" });
        this.send(user, body.text.trim());
        return this.reply(res, 200, { ok: true });
      case "/chat/qr":
        this.sendPhoto(user, await QRCode.toBuffer(String(body.text ?? ""), { type: "png", width: 480, margin: 4 }), undefined);
        return this.reply(res, 200, { ok: true });
      case "/chat/photo": {
        const match = /^data:image\/[\w+.-]+;base64,(.+)$/.exec(body.dataUrl ?? "");
        if (!match) return this.reply(res, 400, { error: "not an image" });
        this.sendPhoto(user, Buffer.from(match[1], "base64"));
        return this.reply(res, 200, { ok: true });
      }
      case "/chat/tap": {
        const message = this.sent.find((m) => m.message_id === Number(body.messageId));
        const button = message?.buttons.find((b) => b.callback_data === body.data);
        if (!message || !button) return this.reply(res, 400, { error: "no such button" });
        this.tap(user, message, button.text);
        return this.reply(res, 200, { ok: true });
      }
      default:
        return this.reply(res, 404, { error: "not found" });
    }
  }

  private reply(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  }
}

async function readParams(req: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  const type = req.headers["content-type"] ?? "";
  let params: Record<string, any> = {};
  if (type.includes("application/json")) params = raw ? JSON.parse(raw) : {};
  else params = Object.fromEntries(new URLSearchParams(raw));
  for (const key of Object.keys(params)) {
    if (JSON_FIELDS.has(key) && typeof params[key] === "string") params[key] = JSON.parse(params[key]);
  }
  return params;
}
