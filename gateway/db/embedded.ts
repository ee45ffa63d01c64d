import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL for local mode, with no server to install: PGlite (PostgreSQL compiled to WASM, data
 * in `dataDir`) serving the wire protocol on a local port, so the gateway uses the very driver,
 * migrations and SQL it uses in production. One connection: the pool must be 1 (DATABASE_POOL_MAX).
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: 1 });
  await server.start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/** Where local data lives: ./.data/ of the working directory, or LOCAL_DATA_DIR. */
export function localDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.LOCAL_DATA_DIR ?? ".data");
}

/**
 * Where the embedded PostgreSQL listens: 300 above the gateway's PORT (4000 unless set), so that
 * two local checkouts on different ports do not meet. A PORT that is not a number is left to the
 * configuration's check to refuse; the default stands in for it here.
 */
export function embeddedDatabasePort(env: NodeJS.ProcessEnv): number {
  const port = /^\d{1,5}$/.test(env.PORT?.trim() ?? "") ? Number(env.PORT) : 4000;
  return (port || 4000) + 300;
}

/**
 * The contract's default: outside production, an unset DATABASE_URL means the embedded
 * PostgreSQL in ./.data/. Returns the environment to start with, and the database to stop after.
 */
export async function withDefaultDatabase(env: NodeJS.ProcessEnv): Promise<{ env: NodeJS.ProcessEnv; embedded: EmbeddedPostgres | null }> {
  if (env.DATABASE_URL?.trim() || env.NODE_ENV === "production") return { env, embedded: null };
  const embedded = await startEmbeddedPostgres(join(localDataDir(env), "pglite"), embeddedDatabasePort(env));
  return { env: { ...env, DATABASE_URL: embedded.url, DATABASE_POOL_MAX: env.DATABASE_POOL_MAX ?? "1" }, embedded };
}
