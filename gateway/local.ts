/**
 * npm start: local mode. Starts the three upstream emulators with demo data, makes sure the
 * database exists, and runs the same gateway as production, pointed at them, with demo operators.
 * Until the embedded database lands, it uses the machine's PostgreSQL (DATABASE_URL, or
 * postgres://postgres@127.0.0.1:5432/scooter_ops).
 */
import { randomBytes } from "node:crypto";
import jwt from "jsonwebtoken";
import { Emulators } from "../emulators";
import { startGateway } from "./app";
import { ConfigError, loadConfig } from "./config";
import { ensureDatabase } from "./db/databases";
import { createLogger } from "./logger";
import { Role } from "./operators/operator.entity";

const DEMO_OPERATORS = [
  { login: "demo_admin", roles: [Role.ADMIN] },
  { login: "demo_keeper", roles: [Role.ACCUMULATOR_KEEPER] },
  { login: "demo_mechanic", roles: [Role.REPAIRER], placeId: "wh-1" },
];

async function main() {
  const emulators = new Emulators();
  const upstreams = await emulators.start({ scooterAccumulator: 4101, drive: 4102, scootersMisc: 4103 });
  const env = { JWT_SECRET: "local-mode-secret-not-for-production", BOOTSTRAP_ADMINS: "demo_admin", LOG_LEVEL: "warn", ...process.env };
  let config;
  try {
    config = loadConfig(env, { ...upstreams, BOT_SERVICE_TOKEN: randomBytes(16).toString("hex") });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  await ensureDatabase(config.databaseUrl);
  const gateway = await startGateway(config, { logger: createLogger(config.logLevel) });
  const em = gateway.orm.em.fork();
  for (const demo of DEMO_OPERATORS) {
    await em.execute(
      `insert into "operator" ("login", "roles", "place_id") values (?, ?, ?) on conflict ("login") do nothing`,
      [demo.login, `{${demo.roles.join(",")}}`, demo.placeId ?? null],
    );
  }
  const token = (login: string) => jwt.sign({ sub: login }, config.jwtSecret!, { algorithm: "HS256", expiresIn: "30d" });

  console.log(`
scooter-ops, local mode
  GraphQL + Apollo Sandbox  ${gateway.url}/graphql
  health / metrics          ${gateway.url}/healthz  ${gateway.url}/metrics
  upstream emulators        scooter-accumulator ${upstreams.SCOOTER_ACCUMULATOR_URL}
                            drive               ${upstreams.DRIVE_URL}
                            scooters-misc       ${upstreams.SCOOTERS_MISC_URL}
  database                  ${config.databaseUrl.replace(/\/\/[^@/]*@/, "//")}

Demo operators; put a header into Sandbox as  Authorization: Bearer <token>
  demo_admin     ${token("demo_admin")}
  demo_keeper    ${token("demo_keeper")}
  demo_mechanic  ${token("demo_mechanic")}

Try first (as demo_keeper): cabinet cab-1, contractor ctr-1 booked acc-1001..acc-1003
  mutation { bookingInfo(cabinetId: "cab-1", contractorId: "ctr-1") { accumulators { accumulatorId } } }
  mutation { accumulatorTaken(accumulatorId: "acc-1001") { scan { delivery } done expected } }
  mutation { finishHandover { scans { accumulatorId delivery } } }

Ctrl-C stops everything.`);

  const stop = async () => {
    await gateway.stop();
    await emulators.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error) => {
  console.error(`local mode failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
