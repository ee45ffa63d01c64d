import { z } from "zod";

export class BotConfigError extends Error {}

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const schema = z.object({
  NODE_ENV: optional,
  TELEGRAM_BOT_TOKEN: optional,
  TELEGRAM_API_ROOT: optional.refine((v) => v === undefined || URL.canParse(v), "must be a URL"),
  TELEGRAM_WEBHOOK_URL: optional.refine((v) => v === undefined || URL.canParse(v), "must be a URL"),
  TELEGRAM_WEBHOOK_SECRET: optional.refine((v) => v === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(v), "must be 1-256 of A-Z a-z 0-9 _ -"),
  /** the port the webhook server listens on (behind the proxy that serves TELEGRAM_WEBHOOK_URL) */
  BOT_WEBHOOK_PORT: optional.refine((v) => v === undefined || /^\d+$/.test(v), "must be a whole number"),
  BOT_METRICS_PORT: optional.refine((v) => v === undefined || /^\d+$/.test(v), "must be a whole number"),
  GATEWAY_URL: optional.refine((v) => v === undefined || URL.canParse(v), "must be a URL"),
  BOT_SERVICE_TOKEN: optional,
  /** where /stats links to (the gateway's /dashboard); unset: no link */
  DASHBOARD_URL: optional.refine((v) => v === undefined || (/^https?:\/\//.test(v) && URL.canParse(v)), "must be an http(s) URL"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  /** the company's time zone: dates shown to people */
  TIME_ZONE: optional.refine((v) => v === undefined || validTimeZone(v), "must be an IANA time zone, e.g. Europe/Moscow"),
});

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("ru-RU", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface BotConfig {
  token: string;
  apiRoot: string;
  webhook: { url: string; secret: string; port: number } | null;
  gatewayUrl: string;
  serviceToken: string;
  logLevel: string;
  /** where the bot's own /metrics is served; null: not served */
  metricsPort: number | null;
  timeZone: string;
  dashboardUrl?: string;
}

/** Parsed and checked once at start; a missing or malformed setting is one line. */
export function loadBotConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BotConfigError(`configuration: ${issue.path.join(".")} ${issue.message}`);
  }
  const e = parsed.data;
  const missing = [
    ["TELEGRAM_BOT_TOKEN", e.TELEGRAM_BOT_TOKEN],
    ["BOT_SERVICE_TOKEN", e.BOT_SERVICE_TOKEN],
  ]
    .filter(([, v]) => v === undefined)
    .map(([name]) => name);
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_WEBHOOK_SECRET) missing.push("TELEGRAM_WEBHOOK_SECRET (webhook mode needs it)");
  if (missing.length) throw new BotConfigError(`configuration: missing ${missing.join(", ")}`);
  return {
    token: e.TELEGRAM_BOT_TOKEN!,
    apiRoot: (e.TELEGRAM_API_ROOT ?? "https://api.telegram.org").replace(/\/+$/, ""),
    webhook: e.TELEGRAM_WEBHOOK_URL ? { url: e.TELEGRAM_WEBHOOK_URL, secret: e.TELEGRAM_WEBHOOK_SECRET!, port: Number(e.BOT_WEBHOOK_PORT ?? 8443) } : null,
    gatewayUrl: e.GATEWAY_URL ?? "http://localhost:4000/graphql",
    serviceToken: e.BOT_SERVICE_TOKEN!,
    metricsPort: e.BOT_METRICS_PORT === undefined ? null : Number(e.BOT_METRICS_PORT),
    logLevel: e.LOG_LEVEL ?? "info",
    timeZone: e.TIME_ZONE ?? "Europe/Moscow",
    dashboardUrl: e.DASHBOARD_URL,
  };
}
