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
import { startGateway } from "./app";
import { ConfigError, loadConfig } from "./config";
import { ensureDatabase } from "./db/databases";
import { localDataDir, withDefaultDatabase } from "./db/embedded";
import { createLogger } from "./logger";
import { Role } from "./operators/operator.entity";
import { seedHistory } from "../local/seed-history";

const DEMO = [
  { login: "demo_keeper", telegramId: 1001, roles: [Role.ACCUMULATOR_KEEPER], label: "demo_keeper — выдаёт аккумуляторы" },
  { login: "demo_mechanic", telegramId: 1002, roles: [Role.REPAIRER], placeId: "wh-1", label: "demo_mechanic — ремонтник" },
  { login: "demo_admin", telegramId: 1003, roles: [Role.ADMIN, Role.ACCUMULATOR_KEEPER, Role.REPAIRER], label: "demo_admin — админ" },
  { login: "demo_manager", telegramId: 1004, roles: [Role.MANAGER], label: "demo_manager — менеджер (статистика)" },
];

const SANDBOX_DOCUMENT = `# Local mode: the header above acts as demo_admin (all roles). Run one operation at a time.
query Me { me { state operator { login roles placeId } handover { id kind } repair { id vehicleId } } }

# Battery handover at an offline cabinet (cab-1, contractor ctr-1 booked acc-1001..acc-1003)
mutation OpenGive { bookingInfo(cabinetId: "cab-1", contractorId: "ctr-1", kind: GIVE) { accumulators { accumulatorId cellId done } cellsForReturn } }
mutation Scan { accumulatorTaken(accumulatorId: "acc-1001") { scan { delivery expected message } duplicate done expected } }
mutation Done { finishHandover { scans { accumulatorId delivery deliveredAt } booked { accumulatorId done } } }

# Scooter repair (warehouse wh-1, scooters sc-1001..sc-1012)
mutation StartRepair { startRepair(input: { repairId: "demo-repair-1", vehicleId: "sc-1001" }) { id status mileageAtStartKm } }
mutation StartJob { startJob(input: { repairId: "demo-repair-1", jobId: "demo-job-1", type: "FENDERS", variant: "REPLACE" }) { id status } }
mutation EndJob { endJob(jobId: "demo-job-1") { status durationSeconds } }
mutation Blink { scooterControl(vehicleId: "sc-1001", action: BLINK_LIGHT) { ok outcome message } }
mutation EndRepair { endRepair(repairId: "demo-repair-1") { status durationSeconds jobs { type { title } status } } }
query Card { scooter(vehicleId: "sc-1001") { mileageKm brokenComment firmware { block version } lastRepair { id } repairs { status jobs { type { title } } } } }
`;

/** Secrets generated on the first start and kept beside the data, so printed tokens keep working. */
function localSecrets(dataDir: string): { jwtSecret: string; botServiceToken: string } {
  const file = join(dataDir, "local-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
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
    const { env: withDatabase, embedded } = await withDefaultDatabase(process.env, port + 300);
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
    const em = gateway.orm.em.fork();
    for (const demo of DEMO) {
      await em.execute(`insert into "operator" ("login", "roles", "place_id") values (?, ?, ?) on conflict ("login") do nothing`, [
        demo.login,
        `{${demo.roles.join(",")}}`,
        demo.placeId ?? null,
      ]);
    }
    // A believable repair history for the dashboard, once, on a fresh database.
    const seeded = await seedHistory(gateway.orm.em.fork(), { timeZone: config.timeZone });

    let chatUrl: string | null = null;
    const botEnv: NodeJS.ProcessEnv = { ...env, DASHBOARD_URL: process.env.DASHBOARD_URL ?? `${gateway.url}/dashboard`, GATEWAY_URL: `${gateway.url}/graphql` };
    if (!process.env.TELEGRAM_BOT_TOKEN) {
      const telegram = new FakeTelegram();
      telegram.users = DEMO.map((d) => ({ id: d.telegramId, username: d.login, language_code: "ru", label: d.label }));
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
  GraphQL + Apollo Sandbox  ${gateway.url}/graphql   (opens as demo_admin, with example operations)
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

Ctrl-C stops everything; the data stays in ${dataDir}.`);
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
