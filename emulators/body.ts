import type { IncomingMessage } from "node:http";

/**
 * A request's whole body as UTF-8 text, for the emulators (the upstream emulators, the Telegram
 * emulator's Bot API and chat page, the control port). No size limit: they serve tests and local
 * mode on 127.0.0.1, and their requests are small.
 */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
