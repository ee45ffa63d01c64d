import pino from "pino";
import QRCode from "qrcode";
import { startBot, type RunningBot } from "../../bot/app";
import { loadBotConfig } from "../../bot/config";
import { FakeTelegram } from "../../emulators/telegram";
import { BOT_TOKEN, Stack } from "./stack";

/** The gateway stack plus a fake Telegram and the real bot between them. */
export class BotStack extends Stack {
  readonly telegram = new FakeTelegram();
  private bots: RunningBot[] = [];

  async start(env: Record<string, string> = {}): Promise<this> {
    await super.start(env);
    await this.telegram.start();
    await this.startBot();
    return this;
  }

  botEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      TELEGRAM_BOT_TOKEN: this.telegram.token,
      TELEGRAM_API_ROOT: this.telegram.url,
      GATEWAY_URL: `${this.url}/graphql`,
      BOT_SERVICE_TOKEN: BOT_TOKEN,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
      ...extra,
    };
  }

  /** the bot's log lines, when started with `capture` */
  readonly logLines: Record<string, any>[] = [];

  async startBot(extra: Record<string, string> = {}, capture = false): Promise<RunningBot> {
    const config = loadBotConfig(this.botEnv(capture ? { LOG_LEVEL: "info", ...extra } : extra));
    const stream = { write: (line: string) => void this.logLines.push({ ...JSON.parse(line), bytes: Buffer.byteLength(line) }) };
    const bot = await startBot(config, capture ? pino({ level: config.logLevel }, stream) : pino({ level: config.logLevel }));
    this.bots.push(bot);
    return bot;
  }

  async stopBot(bot: RunningBot = this.bots[0]): Promise<void> {
    await bot.stop();
    this.bots = this.bots.filter((b) => b !== bot);
  }

  async stop(): Promise<void> {
    for (const bot of this.bots) await bot.stop();
    this.bots = [];
    await this.telegram.stop();
    await super.stop();
  }
}

/** A PNG photo of a QR code holding `text`, as a phone would send it. */
export function qrPhoto(text: string): Promise<Uint8Array> {
  return QRCode.toBuffer(text, { type: "png", width: 480, margin: 4 });
}
