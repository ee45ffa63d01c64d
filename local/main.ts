/**
 * npm start: local mode, zero setup. Starts only the embedded parts: PostgreSQL (PGlite, data in
 * ./.data/), the three upstream emulators with demo data, and (without TELEGRAM_BOT_TOKEN) the
 * built-in Telegram emulator with its chat page; then runs the same gateway and bot as production,
 * pointed at them, with demo operators. Ports: PORT (gateway, 4000), PORT+101..103 (upstreams),
 * PORT+200 (Telegram emulator and chat page), PORT+300 (embedded PostgreSQL).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import jwt from "jsonwebtoken";
import pino from "pino";
import { startBot, type RunningBot } from "../bot/app";
import { loadBotConfig } from "../bot/config";
import { Emulators } from "../emulators";
import { FakeTelegram } from "../emulators/telegram";
import { startGateway } from "../gateway/app";
import { ConfigError, loadConfig } from "../gateway/config";
import { ensureDatabase } from "../gateway/db/databases";
import { localDataDir, withDefaultDatabase } from "../gateway/db/embedded";
import { createLogger } from "../gateway/logger";
import { DEMO_OPERATORS, SANDBOX_DOCUMENT } from "./sandbox";
import { seedHistory } from "./seed-history";

interface LocalSecrets {
  jwtSecret: string;
  botServiceToken: string;
}

/** Secrets generated on the first start and kept beside the data, so printed tokens keep working. */
function localSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, "local-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
  const secrets = { jwtSecret: randomBytes(24).toString("hex"), botServiceToken: randomBytes(24).toString("hex") };
  writeFileSync(file, JSON.stringify(secrets, null, 2));
  return secrets;
}

async function main() {
  const started = Date.now();
  const dataDir = localDataDir();
  mkdirSync(dataDir, { recursive: true });
  const port = Number(process.env.PORT ?? 4000);
  const secrets = localSecrets(dataDir);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };

  try {
    const { env: withDatabase, embedded } = await withDefaultDatabase(process.env);
    if (embedded) stops.push(() => embedded.stop());
    const emulators = new Emulators();
    const upstreams = await emulators.start({ scooterAccumulator: port + 101, drive: port + 102, scootersMisc: port + 103 });
    stops.push(() => emulators.stop());

    const env = {
      JWT_SECRET: secrets.jwtSecret,
      BOT_SERVICE_TOKEN: secrets.botServiceToken,
      BOOTSTRAP_ADMINS: "demo_admin",
      LOG_LEVEL: "warn",
      ...withDatabase,
      PORT: String(port),
    };
    const config = loadConfig(env, upstreams);
    if (!embedded) await ensureDatabase(config.databaseUrl);
    const token = (login: string) => jwt.sign({ sub: login }, config.jwtSecret!, { algorithm: "HS256", expiresIn: "30d" });
    const gateway = await startGateway(config, {
      logger: createLogger(config.logLevel),
      sandbox: { document: SANDBOX_DOCUMENT, headers: { Authorization: `Bearer ${token("demo_admin")}` } },
    });
    stops.push(() => gateway.stop());
    // the demo operators get their roles on every start (BOOTSTRAP_ADMINS made demo_admin an ADMIN
    // before this runs, so "do nothing" on conflict would leave it without the other roles)
    const em = gateway.orm.em.fork();
    for (const demo of DEMO_OPERATORS) {
      await em.execute(
        `insert into "operator" ("login", "roles", "place_id", "active") values (?, ?, ?, true)
         on conflict ("login") do update set "roles" = excluded."roles", "active" = true,
           "place_id" = coalesce("operator"."place_id", excluded."place_id"), "updated_at" = now()`,
        [demo.login, `{${demo.roles.join(",")}}`, demo.placeId ?? null],
      );
    }
    // A believable repair history for the dashboard, once, on a fresh database.
    const seeded = await seedHistory(gateway.orm.em.fork(), { timeZone: config.timeZone });

    let chatUrl: string | null = null;
    const botEnv: NodeJS.ProcessEnv = { ...env, DASHBOARD_URL: process.env.DASHBOARD_URL ?? `${gateway.url}/dashboard`, GATEWAY_URL: `${gateway.url}/graphql` };
    if (!process.env.TELEGRAM_BOT_TOKEN) {
      const telegram = new FakeTelegram();
      telegram.users = DEMO_OPERATORS.map((d) => ({ id: d.telegramId, username: d.login, language_code: "ru", label: d.label }));
      telegram.codes = {
        "Шкафы и контракторы": ["cab-1", "ctr-1", "cab-2", "ctr-2"],
        "Аккумуляторы (бронь cab-1/ctr-1, у ctr-1)": ["acc-1001", "acc-1002", "acc-1003", "acc-9001", "acc-9002"],
        "Самокаты и склады": ["sc-1001", "sc-1002", "sc-1003", "wh-1", "wh-2"],
      };
      chatUrl = await telegram.start(port + 200);
      stops.push(() => telegram.stop());
      Object.assign(botEnv, { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.url });
    }
    const botConfig = loadBotConfig(botEnv);
    const bot: RunningBot = await startBot(botConfig, pino({ name: "bot", level: botConfig.logLevel }));
    stops.push(() => bot.stop());

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
    console.log(`
scooter-ops, local mode — ready in ${seconds} s, ${rss} MB
  Chat with the bot         ${chatUrl ? `${chatUrl}/   (Telegram emulator: be the keeper or the mechanic)` : "in Telegram (TELEGRAM_BOT_TOKEN is set)"}
  GraphQL + Apollo Sandbox  ${gateway.url}/graphql   (opens as demo_admin, with example operations; needs the internet)
  GraphiQL, offline         ${gateway.url}/graphiql  (the same examples and header, served from this machine)
  Managers' dashboard       ${gateway.url}/dashboard#token=${token("demo_manager")}
                            (signed in as demo_manager${seeded ? `; ${seeded} repairs of demo history seeded` : ""})
  health / metrics          ${gateway.url}/healthz   ${gateway.url}/metrics
  upstream emulators        scooter-accumulator ${upstreams.SCOOTER_ACCUMULATOR_URL}  drive ${upstreams.DRIVE_URL}  scooters-misc ${upstreams.SCOOTERS_MISC_URL}
  database                  ${embedded ? `embedded PostgreSQL (PGlite) in ${join(dataDir, "pglite")}` : config.databaseUrl.replace(/\/\/[^@/]*@/, "//")}

Try first: open the chat, pick demo_keeper, send /give cab-1 ctr-1, then press "📷 QR" beside acc-1001.
Tokens for scripts (Authorization: Bearer …):
  demo_admin     ${token("demo_admin")}
  demo_keeper    ${token("demo_keeper")}
  demo_mechanic  ${token("demo_mechanic")}
  demo_manager   ${token("demo_manager")}

Ctrl-C stops everything; the data stays in ${dataDir} (the emulators' bookings start afresh on every start).`);
  } catch (error) {
    await stopAll();
    throw error;
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await stopAll();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `local mode failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
