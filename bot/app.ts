import type { Server } from "node:http";
import { Bot, longPoll, type Update } from "node-telegram-bot-api";
import { createWebhookServer } from "node-telegram-bot-api/node";
import type { Logger } from "pino";
import type { BotConfig } from "./config";
import { messages } from "./messages";
import { BotMetrics, updateKind } from "./metrics";
import { route, worksAnytime } from "./router";
import { scanAheadOf } from "./flows/handover";
import { retryKeyboard, whereNow } from "./flows/start";
import { SessionHints } from "./hints";
import { JobTypeCache } from "./job-types";
import { parseCommand } from "./text";
import { errorCode, errorFacts, errorOperation, Turn, type BotDeps } from "./turn";

/** Codes of a person's action the gateway refused: an ordinary mistake, logged as one info line. */
const REFUSALS = new Set(["FORBIDDEN", "BAD_USER_INPUT", "NOT_FOUND", "CONFLICT", "INVALID_STATE", "UPSTREAM_REJECTED", "RATE_LIMITED"]);

/** One line about a failure for the log: the gateway's message, never the request or a stack. */
function errorMessage(error: unknown): string {
  if (errorCode(error) !== "GATEWAY_DOWN") {
    const message = (error as { response?: { errors?: { message?: string }[] } }).response?.errors?.[0]?.message;
    if (message) return message.slice(0, 300);
  }
  const cause = (error as { cause?: { code?: string } })?.cause?.code;
  return `${error instanceof Error ? error.message.split("\n")[0].slice(0, 200) : String(error)}${cause ? ` (${cause})` : ""}`;
}

/** The bot's commands, as setMyCommands registers them (Russian by default, English for "en"). */
export const COMMANDS = {
  ru: [
    ["start", "Меню"],
    ["give", "Выдать аккумуляторы: /give шкаф контрактор"],
    ["get", "Принять аккумуляторы: /get шкаф контрактор"],
    ["done", "Закончить выдачу или приём"],
    ["repair", "Начать ремонт: /repair самокат"],
    ["scooter", "Карточка самоката: /scooter самокат"],
    ["cancel", "Отменить текущий шаг"],
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
    ["cancel", "Cancel the current step"],
    ["stats", "The week's repair numbers (managers, admins)"],
    ["help", "What the bot can do"],
  ],
} as const;

export interface RunningBot {
  bot: Bot;
  metrics: BotMetrics;
  /** the bot's /metrics port, when BOT_METRICS_PORT is set */
  metricsPort: number | null;
  /** the webhook server's port, in webhook mode */
  port: number | null;
  stop(): Promise<void>;
}

/** Builds the bot: every update goes through access, dedup and one flow; nothing is kept in memory. */
export function createBot(config: BotConfig, logger: Logger, metrics = new BotMetrics()): Bot {
  const bot = new Bot(config.token, {
    apiRoot: config.apiRoot,
    fetch: metrics.telegramFetch(),
    rateLimit: { global: 30, perChat: 1 }, // Telegram's own limits: ~30 msg/s per bot, 1/s per chat
    maxRetries: 3,
    maxRetryAfterMs: 30_000,
  });
  const deps: BotDeps = {
    gatewayUrl: config.gatewayUrl,
    serviceToken: config.serviceToken,
    dashboardUrl: config.dashboardUrl,
    logger,
    gatewayWrapper: metrics.gatewayWrapper(),
    jobTypes: new JobTypeCache(),
    timeZone: config.timeZone,
    async download(fileId) {
      const file = await bot.api.getFile({ file_id: fileId });
      const response = await fetch(`${config.apiRoot}/file/bot${config.token}/${file.file_path}`);
      if (!response.ok) throw new Error(`file download failed: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };

  bot.use(async (ctx, next) => {
    const kind = updateKind(ctx.update);
    const stop = metrics.updateDuration.startTimer({ kind });
    const outcome = { value: "handled" };
    try {
      await next();
    } catch (error) {
      outcome.value = "failed";
      throw error;
    } finally {
      stop();
      metrics.updates.inc({ kind, outcome: (ctx.state as { outcome?: string }).outcome ?? outcome.value });
    }
  });
  const hints = new SessionHints();
  bot.use(async (ctx) => {
    if (!ctx.from || ctx.chatId === undefined) return;
    const said = (outcome: string) => ((ctx.state as { outcome?: string }).outcome = outcome);
    const turn = new Turn(ctx, deps);
    const updateId = String(ctx.update.update_id);
    const log = logger.child({ updateId, userId: ctx.from.id });
    const ack = () => (ctx.callbackQuery ? ctx.answerCallbackQuery(turn.toast ? { text: turn.toast } : {}).catch(() => {}) : Promise.resolve());
    // whether this update is the bot's to handle (a redelivery is not handled twice), and who
    // sent it: one round trip
    // a plain text that, by what the bot last saw of this person, is a scan: made with that same call
    const text = ctx.message?.text;
    const scan = text !== undefined && !parseCommand(text) ? (scanAheadOf(hints.of(ctx.from.id), text) ?? undefined) : undefined;
    let claimed: boolean;
    try {
      ({ claimed } = await turn.open(updateId, scan));
    } catch (error) {
      const code = errorCode(error);
      await ack();
      if (code === "FORBIDDEN") {
        said("not_allowed");
        log.info({ code }, "not an allowed operator");
        await ctx.reply(messages(turn.lang).accessClosed(ctx.from.username ?? "", ctx.from.id));
      } else {
        said("gateway_unavailable");
        log.warn(
          { code, operation: errorOperation(error), reason: errorMessage(error) },
          code === "UNAUTHENTICATED" ? "the gateway refused the bot's service token" : "gateway unavailable",
        );
        // nothing the gateway keeps can be read or written now: one button that works whenever it is pressed
        await ctx.reply(turn.explain(error), { reply_markup: retryKeyboard(turn.t) });
      }
      return;
    }
    if (!claimed) {
      said("duplicate");
      log.info("update already handled");
      await ack();
      return;
    }
    try {
      const olderMessage = ctx.callbackQuery !== undefined && !turn.livePress;
      if (olderMessage && !worksAnytime(ctx.callbackQuery?.data)) {
        // a button of an older message: it can no longer work, so it goes, and the latest message stays the place to act
        const pressed = ctx.callbackQuery.message?.message_id;
        if (pressed !== undefined) await turn.dropButtons(pressed);
        turn.toast = turn.t.outdated;
        log.info({ messageId: pressed }, "outdated button");
      } else {
        await route(turn);
        // an anytime button on an older message (say, "try again" while the gateway was down) answered with a new message: its own buttons go
        const pressed = ctx.callbackQuery?.message?.message_id;
        if (olderMessage && pressed !== undefined && String(pressed) !== turn.me.botKeyboardMessageId) await turn.dropButtons(pressed);
      }
    } catch (error) {
      const code = errorCode(error);
      said(REFUSALS.has(code) ? "refused" : code === "GATEWAY_DOWN" ? "gateway_unavailable" : "failed");
      const operation = errorOperation(error);
      if (REFUSALS.has(code)) log.info({ code, reason: errorFacts(error).reason, operation }, "refused");
      else if (code === "BOT_ERROR")
        log.error({ err: error }, "update failed"); // a bug: with its stack
      else log.warn({ code, operation, reason: errorMessage(error) }, "gateway call failed");
      // said in the person's words, with the buttons of what they can do now (as the gateway sees it now)
      if (code !== "GATEWAY_DOWN") await turn.refresh().catch(() => {});
      await whereNow(turn, turn.explain(error)).catch((again: unknown) => {
        log.warn({ code: errorCode(again), reason: errorMessage(again) }, "could not answer with the next step");
        return turn.send(turn.explain(error));
      });
    }
    hints.remember(ctx.from.id, turn.me);
    if (turn.scanAheadUntaken) log.error({ scan }, "a scan made with the update's first call was not answered"); // a bug: the routing and scanAheadOf disagree
    await ack();
    await turn.gw.CompleteTelegramUpdate({ updateId });
  });
  bot.catch((error, ctx) => logger.error({ err: error, updateId: ctx.update.update_id }, "update failed")); // a bug: with its stack
  return bot;
}

/** Starts the bot: webhook mode when TELEGRAM_WEBHOOK_URL is set, long polling otherwise. */
export async function startBot(config: BotConfig, logger: Logger): Promise<RunningBot> {
  const metrics = new BotMetrics();
  const bot = createBot(config, logger, metrics);
  const served = config.metricsPort === null ? null : await metrics.serve(config.metricsPort);
  const metricsPort = served?.port ?? null;
  const closeMetrics = () => new Promise<void>((resolve) => (served ? served.server.close(() => resolve()) : resolve()));
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
      metrics,
      metricsPort,
      port: actualPort,
      stop: async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await closeMetrics();
      },
    };
  }

  await bot.api.deleteWebhook({ drop_pending_updates: false });
  // The id of the last update handled to the end. Telegram forgets an update only when a later
  // getUpdates names a higher offset, which the poll loop does on its next round; stopped before
  // that round, a restarted bot would be given the last update again (and a person whose message
  // could not be claimed, the gateway being down, would be answered twice). So stop() confirms it.
  let lastHandled: number | null = null;
  const controller = new AbortController();
  async function* handledOnes(): AsyncGenerator<Update> {
    for await (const update of longPoll(bot.api, { timeout: 30, allowedUpdates: ["message", "callback_query"] }, controller.signal)) {
      yield update;
      lastHandled = update.update_id; // resumed only when the bot asks for the next one: this one is done
    }
  }
  const polling = bot.startPolling(handledOnes()).catch((error) => {
    logger.error({ err: error }, "polling stopped");
  });
  logger.info("bot ready (long polling)");
  return {
    bot,
    metrics,
    metricsPort,
    port: null,
    async stop() {
      controller.abort();
      bot.stop();
      await polling;
      if (lastHandled !== null) {
        await bot.api.getUpdates({ offset: lastHandled + 1, timeout: 0, limit: 1 }).catch((error: unknown) => {
          logger.warn({ err: error }, "could not confirm the last update to Telegram; it may come once more");
        });
      }
      await closeMetrics();
    },
  };
}
