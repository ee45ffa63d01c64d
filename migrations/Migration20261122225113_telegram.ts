import { Migration } from "@mikro-orm/migrations";

/** What the bot needs so that it keeps no state: handled updates, and the step each operator is at. */
export class Migration20261122225113 extends Migration {
  override up(): void {
    this.addSql(
      `create table "telegram_update" ("update_id" text not null, "claimed_at" timestamptz not null default now(), "completed_at" timestamptz null, constraint "telegram_update_pkey" primary key ("update_id"));`,
    );
    this.addSql(`alter table "operator_session" add column "bot_step" text null;`);
  }

  override down(): void {
    this.addSql(`alter table "operator_session" drop column "bot_step";`);
    this.addSql(`drop table if exists "telegram_update" cascade;`);
  }
}
