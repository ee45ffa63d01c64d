import { join } from "node:path";
import { defineConfig, type PostgreSqlDriver } from "@mikro-orm/postgresql";
import { ReflectMetadataProvider, type Options } from "@mikro-orm/core";
import { Migrator } from "@mikro-orm/migrations";
import { entities } from "./entities";

/** Compiled migrations sit beside the compiled gateway (dist/migrations); sources in migrations/. */
export const MIGRATIONS_DIR = join(__dirname, "..", "..", "migrations");

export function ormConfig(
  databaseUrl: string,
  overrides: Partial<Options<PostgreSqlDriver>> = {},
  log: (message: string) => void = () => {},
): Options<PostgreSqlDriver> {
  return defineConfig({
    logger: log,
    clientUrl: databaseUrl,
    entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    forceUtcTimezone: true,
    allowGlobalContext: false,
    pool: { min: 0, max: 10 },
    migrations: {
      path: MIGRATIONS_DIR,
      glob: "!(*.d).js",
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: "ts",
    },
    ...overrides,
  });
}
