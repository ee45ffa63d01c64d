/** npm run migrate: applies pending migrations to DATABASE_URL. */
import "reflect-metadata";
import { MikroORM } from "@mikro-orm/postgresql";
import { LOCAL_DATABASE_URL } from "./database-url";
import { ensureDatabase } from "./databases";
import { ormConfig } from "./orm-config";

async function main() {
  const url = process.env.DATABASE_URL?.trim();
  if (!url && process.env.NODE_ENV === "production") {
    console.error("configuration: missing DATABASE_URL (NODE_ENV=production needs it)");
    process.exit(1);
  }
  if (!url) await ensureDatabase(LOCAL_DATABASE_URL);
  const orm = await MikroORM.init(ormConfig(url || LOCAL_DATABASE_URL));
  try {
    const applied = await orm.getMigrator().up();
    console.log(applied.length ? `applied: ${applied.map((m) => m.name).join(", ")}` : "the database is up to date");
  } finally {
    await orm.close();
  }
}

main().catch((error) => {
  console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
