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
    // No JIT compilation: the gateway's statements run in milliseconds, and PostgreSQL's estimates
    // for the analytics' grouped CTEs pass jit_above_cost, so JIT would add ~80 ms of compiling to
    // a 130 ms statistics query (measured on bench/seed.ts data, PostgreSQL 15)
    driverOptions: { connection: { options: "-c jit=off" } },
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
