/** The production gateway process: configured only by the environment (contract/README.md). */
import { ConfigError, loadConfig } from "./config";
import { startGateway } from "./app";
import { withDefaultDatabase } from "./db/embedded";
import { createLogger } from "./logger";

async function main() {
  // outside production, no DATABASE_URL means the embedded PostgreSQL in ./.data/ (contract)
  const { env, embedded } = await withDefaultDatabase(process.env);
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    await embedded?.stop();
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const gateway = await startGateway(config, { logger });
  const shutdown = (signal: string) => {
    logger.info({ signal }, "stopping");
    gateway
      .stop()
      .then(() => embedded?.stop())
      .then(
        () => process.exit(0),
        (error) => {
          logger.error({ err: error }, "unclean stop");
          process.exit(1);
        },
      );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error) => {
  console.error(`gateway failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
