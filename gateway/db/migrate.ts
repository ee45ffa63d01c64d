/** npm run migrate: applies pending migrations to DATABASE_URL. */
import "reflect-metadata";
import { MikroORM } from "@mikro-orm/postgresql";
import { withDefaultDatabase } from "./embedded";
import { ormConfig } from "./orm-config";

async function main() {
  if (!process.env.DATABASE_URL?.trim() && process.env.NODE_ENV === "production") {
    console.error("configuration: missing DATABASE_URL (NODE_ENV=production needs it)");
    process.exit(1);
  }
  // no DATABASE_URL outside production: the embedded PostgreSQL in ./.data/, as the gateway uses it
  const { env, embedded } = await withDefaultDatabase(process.env);
  const orm = await MikroORM.init(ormConfig(env.DATABASE_URL!, { pool: { min: 0, max: embedded ? 1 : 10 } }));
  try {
    const applied = await orm.getMigrator().up();
    console.log(applied.length ? `applied: ${applied.map((m) => m.name).join(", ")}` : "the database is up to date");
  } finally {
    await orm.close();
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
