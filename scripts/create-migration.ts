/**
 * Writes a migration for what the entities have and the migrations do not yet: applies the
 * existing migrations to a scratch database, diffs it against the entities, writes the difference
 * as TypeScript into migrations/. Usage: npm run build && node dist/scripts/create-migration.js
 */
import "reflect-metadata";
import { join } from "node:path";
import { MikroORM } from "@mikro-orm/postgresql";
import { ormConfig } from "../gateway/db/orm-config";
import { dropDatabase, ensureDatabase } from "../gateway/db/databases";
import { repoRoot } from "../emulators/paths";

async function main() {
  const server = process.env.PG_URL ?? "postgres://postgres@127.0.0.1:5432";
  const url = `${server}/scooter_ops_scratch_${process.pid}`;
  await ensureDatabase(url);
  const orm = await MikroORM.init(ormConfig(url, {}));
  try {
    const migrator = orm.getMigrator();
    await migrator.up();
    orm.config.get("migrations").path = join(repoRoot(), "migrations");
    const result = await migrator.createMigration(join(repoRoot(), "migrations"), false, false);
    console.log(result.fileName ? `wrote migrations/${result.fileName}` : "entities and migrations agree: nothing to write");
  } finally {
    await orm.close();
    await dropDatabase(url);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
