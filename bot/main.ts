/** The Telegram bot process: a thin GraphQL client of the gateway, configured only by the environment. */
import pino from "pino";
import { startBot } from "./app";
import { BotConfigError, loadBotConfig } from "./config";

async function main() {
  let config;
  try {
    config = loadBotConfig();
  } catch (error) {
    if (error instanceof BotConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = pino({ name: "bot", level: config.logLevel, base: { service: "bot" } });
  const running = await startBot(config, logger);
  const shutdown = (signal: string) => {
    logger.info({ signal }, "stopping");
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error) => {
  console.error(`bot failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
