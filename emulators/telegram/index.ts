import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { BotApi } from "./bot-api";
import { ChatApi } from "./chat-api";
import { TelegramStore, type ChatEntry, type FakeUser, type SentMessage, type Update } from "./store";
import { UserSimulator } from "./user";
import { postUpdate, type WebhookTarget } from "./webhook";

export type { ChatEntry, FakeUser, SentMessage, Update } from "./store";

/**
 * The built-in Telegram emulator (local mode's Telegram, and the tests' fake Bot API) on one port,
 * made of: the Bot API double (bot-api.ts), the users tests play (user.ts), the chat page and its
 * API (chat-api.ts), webhook delivery (webhook.ts), and the chats they share (store.ts).
 */
export class FakeTelegram {
  readonly token = "123456:TEST-TOKEN";
  private readonly store = new TelegramStore();
  private readonly api = new BotApi(this.token, this.store);
  private readonly people = new UserSimulator(this.store, this.api);
  private readonly page = new ChatApi(this.store, this.people);
  private server: Server | null = null;
  url = "";

  readonly sent: SentMessage[] = this.store.sent;
  /** both sides of every chat, for the chat page */
  readonly log: ChatEntry[] = this.store.log;
  /** Sends and edits of the bot in each chat, in order: what a person sees change. */
  readonly changes = this.store.changes;
  readonly calls = this.api.calls;

  /** updates Telegram still holds for the bot: not yet confirmed by a getUpdates with a higher offset */
  get pendingUpdates(): number {
    return this.api.queued;
  }

  /** who can write from the chat page */
  get users(): (FakeUser & { label: string })[] {
    return this.page.users;
  }
  set users(users: (FakeUser & { label: string })[]) {
    this.page.users = users;
  }
  /** ids the chat page offers as QR codes */
  get codes(): Record<string, string[]> {
    return this.page.codes;
  }
  set codes(codes: Record<string, string[]>) {
    this.page.codes = codes;
  }
  get commands(): Record<string, { command: string; description: string }[] | undefined> {
    return this.api.commands;
  }
  get webhook(): WebhookTarget | null {
    return this.api.webhook;
  }
  set webhook(webhook: WebhookTarget | null) {
    this.api.webhook = webhook;
  }

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
    this.api.wake();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  reset(): void {
    this.store.reset();
    this.api.reset();
  }

  /** The bot's messages to this chat, oldest first. */
  chat(chatId: number): SentMessage[] {
    return this.store.chat(chatId);
  }

  failNext(method: string, times: number, retryAfter: number): void {
    this.api.failNext(method, times, retryAfter);
  }

  /** Delivers an update again, as Telegram does when a delivery was not confirmed. */
  redeliver(update: Update): void {
    this.api.redeliver(update);
  }

  /** Posts an update to the webhook with another secret; returns the HTTP status. */
  forgeWebhook(update: Update, secret: string): Promise<number> {
    return postUpdate(this.api.webhook!, update, secret);
  }

  // the users tests play (user.ts)
  send(user: FakeUser, text: string): Update {
    return this.people.send(user, text);
  }
  sendPhoto(user: FakeUser, image: Uint8Array, caption?: string): Update {
    return this.people.sendPhoto(user, image, caption);
  }
  tap(user: FakeUser, message: SentMessage, label: string): Update {
    return this.people.tap(user, message, label);
  }
  waitFor(chatId: number, count: number, timeoutMs?: number): Promise<SentMessage[]> {
    return this.people.waitFor(chatId, count, timeoutMs);
  }
  say(user: FakeUser, text: string, replies?: number): Promise<SentMessage[]> {
    return this.people.say(user, text, replies);
  }
  press(user: FakeUser, message: SentMessage, label: string, changes?: number, timeoutMs?: number): Promise<SentMessage[]> {
    return this.people.press(user, message, label, changes, timeoutMs);
  }
  photo(user: FakeUser, image: Uint8Array, replies?: number): Promise<SentMessage[]> {
    return this.people.photo(user, image, replies);
  }
  settle(quietMs?: number): Promise<void> {
    return this.people.settle(quietMs);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    if (this.page.serves(url)) return this.page.handle(req, res, url);
    return this.api.handle(req, res, url);
  }
}
