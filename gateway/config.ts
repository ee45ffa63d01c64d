import { z } from "zod";

/** Thrown when the environment cannot start the gateway; the message is one line for the operator. */
export class ConfigError extends Error {}

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

const optionalUrl = optionalString.refine((value) => value === undefined || URL.canParse(value), {
  message: "must be a URL",
});

const positiveInt = (fallback: number) =>
  optionalString.pipe(
    z
      .string()
      .regex(/^\d+$/, "must be a whole number")
      .transform(Number)
      .optional()
      .transform((value) => value ?? fallback),
  );

/** true/false/1/0/yes/no; undefined when unset */
const optionalBoolean = optionalString.pipe(
  z
    .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
    .optional()
    .transform((value) => (value === undefined ? undefined : ["true", "1", "yes"].includes(value))),
);

const boolean = (fallback: boolean) => optionalBoolean.transform((value) => value ?? fallback);

const schema = z.object({
  NODE_ENV: optionalString,
  DATABASE_URL: optionalUrl,
  /** connections to PostgreSQL; the embedded one of local mode serves exactly one */
  DATABASE_POOL_MAX: positiveInt(10),
  PORT: positiveInt(4000),
  SCOOTER_ACCUMULATOR_URL: optionalUrl,
  DRIVE_URL: optionalUrl,
  SCOOTERS_MISC_URL: optionalUrl,
  SCOOTER_ACCUMULATOR_TOKEN: optionalString,
  DRIVE_TOKEN: optionalString,
  UPSTREAM_TIMEOUT_MS: positiveInt(3000),
  /** consecutive failed calls that open an upstream's circuit */
  UPSTREAM_BREAKER_FAILURES: positiveInt(5),
  /** how long an open circuit fails calls at once before one trial call is let through */
  UPSTREAM_BREAKER_HALF_OPEN_MS: positiveInt(5000),
  /** calls under way at once per upstream; more are answered UPSTREAM_UNAVAILABLE at once */
  UPSTREAM_MAX_CONCURRENCY: positiveInt(32),
  /** introspection and the explorer pages; unset: off in production, on elsewhere */
  GRAPHQL_INTROSPECTION: optionalBoolean,
  /** mutations one operator may call per RATE_LIMIT_WINDOW_S seconds (per gateway process) */
  RATE_LIMIT_MUTATIONS: positiveInt(120),
  RATE_LIMIT_WINDOW_S: positiveInt(10),
  /** handled Telegram updates are kept this many days, then pruned */
  TELEGRAM_UPDATE_RETENTION_DAYS: positiveInt(14),
  BOT_SERVICE_TOKEN: optionalString,
  JWT_SECRET: optionalString,
  BOOTSTRAP_ADMINS: optionalString,
  MIGRATE_ON_START: boolean(true),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .optional()
    .transform((value) => value ?? "info"),
  /** how often the outbox looks for scans scooter-accumulator has not received yet */
  OUTBOX_POLL_MS: positiveInt(1000),
  /** the longest pause between two delivery attempts of a pending scan */
  OUTBOX_RETRY_MAX_MS: positiveInt(30000),
  /** the company's time zone: days and weeks in statistics (an IANA name) */
  TIME_ZONE: optionalString
    .refine((value) => value === undefined || isTimeZone(value), { message: "must be an IANA time zone such as Europe/Moscow" })
    .transform((value) => value ?? "Europe/Moscow"),
});

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export interface GatewayConfig {
  production: boolean;
  databaseUrl: string;
  databasePoolMax: number;
  port: number;
  upstreams: {
    scooterAccumulator: { url: string; token?: string };
    drive: { url: string; token?: string };
    scootersMisc: { url: string };
  };
  upstreamTimeoutMs: number;
  upstreamResilience: { breakerFailures: number; halfOpenAfterMs: number; maxConcurrency: number };
  introspection: boolean;
  rateLimit: { mutations: number; windowSeconds: number };
  telegramUpdateRetentionDays: number;
  botServiceToken: string;
  jwtSecret?: string;
  bootstrapAdmins: string[];
  migrateOnStart: boolean;
  logLevel: string;
  outbox: { pollMs: number; retryBaseMs: number; retryMaxMs: number; leaseMs: number };
  /** TIME_ZONE: days and weeks of the statistics are counted here */
  timeZone: string;
}

/** Logins are Telegram usernames: stored without '@', lower case. */
export function normalizeLogin(login: string): string {
  return login.trim().replace(/^@/, "").toLowerCase();
}

/** What a normalized login may be: letters, digits, `_`, `.`, `-`, at most 64. */
export const LOGIN = /^[a-z0-9_.-]{1,64}$/;

/**
 * Parses and validates the environment once. `defaults` fills what local mode provides
 * (the emulators' URLs, a generated service token); production accepts no defaults.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, defaults: Partial<Record<keyof z.input<typeof schema>, string>> = {}): GatewayConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`configuration: ${issue.path.join(".")} ${issue.message}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  const pick = (name: "DATABASE_URL" | "SCOOTER_ACCUMULATOR_URL" | "DRIVE_URL" | "SCOOTERS_MISC_URL" | "BOT_SERVICE_TOKEN") =>
    e[name] ?? (production ? undefined : defaults[name]);

  const required = {
    DATABASE_URL: pick("DATABASE_URL"),
    SCOOTER_ACCUMULATOR_URL: pick("SCOOTER_ACCUMULATOR_URL"),
    DRIVE_URL: pick("DRIVE_URL"),
    SCOOTERS_MISC_URL: pick("SCOOTERS_MISC_URL"),
    BOT_SERVICE_TOKEN: pick("BOT_SERVICE_TOKEN"),
  };
  const missing = Object.entries(required)
    .filter(([, value]) => value === undefined)
    .map(([name]) => name);
  if (missing.length > 0) {
    const hint = production ? "NODE_ENV=production needs them" : "set them, or run local mode with `npm start`";
    throw new ConfigError(`configuration: missing ${missing.join(", ")} (${hint})`);
  }

  return {
    production,
    databaseUrl: required.DATABASE_URL!,
    databasePoolMax: Math.max(1, e.DATABASE_POOL_MAX),
    port: e.PORT,
    upstreams: {
      scooterAccumulator: { url: required.SCOOTER_ACCUMULATOR_URL!, token: e.SCOOTER_ACCUMULATOR_TOKEN },
      drive: { url: required.DRIVE_URL!, token: e.DRIVE_TOKEN },
      scootersMisc: { url: required.SCOOTERS_MISC_URL! },
    },
    upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
    upstreamResilience: {
      breakerFailures: Math.max(1, e.UPSTREAM_BREAKER_FAILURES),
      halfOpenAfterMs: e.UPSTREAM_BREAKER_HALF_OPEN_MS,
      maxConcurrency: Math.max(1, e.UPSTREAM_MAX_CONCURRENCY),
    },
    introspection: e.GRAPHQL_INTROSPECTION ?? !production,
    rateLimit: { mutations: Math.max(1, e.RATE_LIMIT_MUTATIONS), windowSeconds: Math.max(1, e.RATE_LIMIT_WINDOW_S) },
    telegramUpdateRetentionDays: Math.max(1, e.TELEGRAM_UPDATE_RETENTION_DAYS),
    botServiceToken: required.BOT_SERVICE_TOKEN!,
    jwtSecret: e.JWT_SECRET,
    bootstrapAdmins: (e.BOOTSTRAP_ADMINS ?? "")
      .split(",")
      .map(normalizeLogin)
      .filter((login) => login.length > 0),
    migrateOnStart: e.MIGRATE_ON_START,
    logLevel: e.LOG_LEVEL,
    outbox: {
      pollMs: e.OUTBOX_POLL_MS,
      retryBaseMs: Math.min(1000, e.OUTBOX_RETRY_MAX_MS),
      retryMaxMs: e.OUTBOX_RETRY_MAX_MS,
      // a scan being sent is leased for longer than one call can take; a process that dies mid-call frees it then
      leaseMs: e.UPSTREAM_TIMEOUT_MS + 2000,
    },
    timeZone: e.TIME_ZONE,
  };
}
