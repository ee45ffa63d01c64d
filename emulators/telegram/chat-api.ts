import type { IncomingMessage, ServerResponse } from "node:http";
import QRCode from "qrcode";
import { json, readParams } from "./bot-api";
import { CHAT_PAGE } from "./chat-page";
import type { FakeUser, TelegramStore } from "./store";
import type { UserSimulator } from "./user";

/** The chat page (`/`) and its API (`/chat/…`): a person plays a user, the bot answers through the Bot API. */
export class ChatApi {
  /** who can write from the chat page */
  users: (FakeUser & { label: string })[] = [];
  /** ids the chat page offers as QR codes */
  codes: Record<string, string[]> = {};

  constructor(
    private readonly store: TelegramStore,
    private readonly people: UserSimulator,
  ) {}

  /** Whether this path is the chat page's. */
  serves(url: URL): boolean {
    return url.pathname === "/" || url.pathname.startsWith("/chat/");
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method === "GET" && url.pathname === "/") return void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(CHAT_PAGE);
    if (req.method === "GET" && url.pathname === "/chat/users") return json(res, 200, this.users);
    if (req.method === "GET" && url.pathname === "/chat/codes") return json(res, 200, this.codes);
    if (req.method === "GET" && url.pathname === "/chat/log") return json(res, 200, this.store.log);
    if (req.method === "GET" && url.pathname === "/chat/qr.png") {
      const png = await QRCode.toBuffer(url.searchParams.get("text") ?? "", { type: "png", width: 240, margin: 2 });
      return void res.writeHead(200, { "content-type": "image/png" }).end(png);
    }
    if (req.method !== "POST") return json(res, 404, { error: "not found" });
    const body = (await readParams(req)) as { userId?: number; text?: string; dataUrl?: string; messageId?: number; data?: string };
    const user = this.users.find((u) => u.id === Number(body.userId));
    if (!user) return json(res, 400, { error: "unknown user" });
    switch (url.pathname) {
      case "/chat/send":
        if (!body.text?.trim()) return json(res, 400, { error: "empty message" });
        this.people.send(user, body.text.trim());
        return json(res, 200, { ok: true });
      case "/chat/qr":
        this.people.sendPhoto(user, await QRCode.toBuffer(String(body.text ?? ""), { type: "png", width: 480, margin: 4 }), undefined);
        return json(res, 200, { ok: true });
      case "/chat/photo": {
        const match = /^data:image\/[\w+.-]+;base64,(.+)$/.exec(body.dataUrl ?? "");
        if (!match) return json(res, 400, { error: "not an image" });
        this.people.sendPhoto(user, Buffer.from(match[1], "base64"));
        return json(res, 200, { ok: true });
      }
      case "/chat/tap": {
        const message = this.store.sent.find((m) => m.message_id === Number(body.messageId));
        const button = message?.buttons.find((b) => b.callback_data === body.data);
        if (!message || !button) return json(res, 400, { error: "no such button" });
        this.people.tap(user, message, button.text);
        return json(res, 200, { ok: true });
      }
      default:
        return json(res, 404, { error: "not found" });
    }
  }
}
