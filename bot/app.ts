import type { Server } from "node:http";
import { Bot } from "node-telegram-bot-api";
import { createWebhookServer } from "node-telegram-bot-api/node";
import type { Logger } from "pino";
import type { BotConfig } from "./config";
import { messages } from "./messages";
import { route } from "./router";
import { errorCode, Turn, type BotDeps } from "./turn";

/** The bot's commands, as setMyCommands registers them (Russian by default, English for "en"). */
export const COMMANDS = {
  ru: [
    ["start", "Меню"],
    ["give", "Выдать аккумуляторы: /give шкаф контрактор"],
    ["get", "Принять аккумуляторы: /get шкаф контрактор"],
    ["done", "Закончить выдачу или приём"],
    ["repair", "Начать ремонт: /repair самокат"],
    ["scooter", "Карточка самоката: /scooter самокат"],
    ["cancel", "Выйти из текущего шага"],
    ["stats", "Статистика ремонтов за неделю (менеджеры, админы)"],
    ["help", "Что умеет бот"],
  ],
  en: [
    ["start", "Menu"],
    ["give", "Give accumulators: /give cabinet contractor"],
    ["get", "Take accumulators back: /get cabinet contractor"],
    ["done", "Finish the handover"],
    ["repair", "Start a repair: /repair scooter"],
    ["scooter", "A scooter's card: /scooter scooter"],
    ["cancel", "Leave the current step"],
    ["stats", "The week's repair numbers (managers, admins)"],
    ["help", "What the bot can do"],
  ],
} as const;

export interface RunningBot {
  bot: Bot;
  /** the webhook server's port, in webhook mode */
  port: number | null;
  stop(): Promise<void>;
}

/** Builds the bot: every update goes through access, dedup and one flow; nothing is kept in memory. */
export function createBot(config: BotConfig, logger: Logger): Bot {
  const bot = new Bot(config.token, {
    apiRoot: config.apiRoot,
    rateLimit: { global: 30, perChat: 1 }, // Telegram's own limits: ~30 msg/s per bot, 1/s per chat
    maxRetries: 3,
    maxRetryAfterMs: 30_000,
  });
  const deps: BotDeps = {
    gatewayUrl: config.gatewayUrl,
    serviceToken: config.serviceToken,
    dashboardUrl: config.dashboardUrl,
    logger,
    async download(fileId) {
      const file = await bot.api.getFile({ file_id: fileId });
      const response = await fetch(`${config.apiRoot}/file/bot${config.token}/${file.file_path}`);
      if (!response.ok) throw new Error(`file download failed: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };

  bot.use(async (ctx) => {
    if (!ctx.from || ctx.chatId === undefined) return;
    const turn = new Turn(ctx, deps);
    const updateId = String(ctx.update.update_id);
    const log = logger.child({ updateId, userId: ctx.from.id });
    const ack = () => (ctx.callbackQuery ? ctx.answerCallbackQuery().catch(() => {}) : Promise.resolve());
    try {
      await turn.refresh();
    } catch (error) {
      const code = errorCode(error);
      await ack();
      if (code === "FORBIDDEN") {
        log.info({ code }, "not an allowed operator");
        await ctx.reply(messages(turn.lang).accessClosed(ctx.from.username ?? "", ctx.from.id));
      } else {
        log.warn({ err: error, code }, code === "UNAUTHENTICATED" ? "the gateway refused the bot's service token" : "gateway unavailable");
        await ctx.reply(turn.explain(error));
      }
      return;
    }
    if (!(await turn.gw.ClaimTelegramUpdate({ updateId })).claimTelegramUpdate) {
      log.info("update already handled");
      await ack();
      return;
    }
    try {
      await ack();
      await route(turn);
    } catch (error) {
      log.warn({ err: error, code: errorCode(error) }, "flow refused");
      await turn.reply(turn.explain(error));
    }
    await turn.gw.CompleteTelegramUpdate({ updateId });
  });
  bot.catch((error, ctx) => logger.error({ err: error, updateId: ctx.update.update_id }, "update failed"));
  return bot;
}

/** Starts the bot: webhook mode when TELEGRAM_WEBHOOK_URL is set, long polling otherwise. */
export async function startBot(config: BotConfig, logger: Logger): Promise<RunningBot> {
  const bot = createBot(config, logger);
  for (const [lang, commands] of Object.entries(COMMANDS)) {
    await bot.api.setMyCommands({
      commands: commands.map(([command, description]) => ({ command, description })),
      ...(lang === "ru" ? {} : { language_code: lang }),
    });
  }

  if (config.webhook) {
    const { url, secret, port } = config.webhook;
    const server: Server = createWebhookServer(bot, { path: new URL(url).pathname, secretToken: secret });
    await new Promise<void>((resolve) => server.listen(port, resolve));
    const actualPort = (server.address() as { port: number }).port;
    await bot.api.setWebhook({ url, secret_token: secret, allowed_updates: ["message", "callback_query"] });
    logger.info({ url, port: actualPort }, "bot ready (webhook)");
    return {
      bot,
      port: actualPort,
      stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  await bot.api.deleteWebhook({ drop_pending_updates: false });
  const polling = bot.startPolling(undefined, { timeout: 30, allowedUpdates: ["message", "callback_query"] }).catch((error) => {
    logger.error({ err: error }, "polling stopped");
  });
  logger.info("bot ready (long polling)");
  return {
    bot,
    port: null,
    async stop() {
      bot.stop();
      await polling;
    },
  };
}
