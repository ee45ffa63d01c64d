import { Migration } from "@mikro-orm/migrations";

/**
 * A scan scooter-accumulator refused may be scanned again: one live (not REJECTED) scan per
 * accumulator and handover, any number of refused ones kept as history. Handled Telegram updates
 * are pruned by age.
 */
export class Migration20261201183000 extends Migration {
  override up(): void {
    this.addSql(`alter table "handover_scan" drop constraint "handover_scan_handover_id_accumulator_id_unique";`);
    this.addSql(
      `create unique index "handover_scan_handover_id_accumulator_id_unique" on "handover_scan" ("handover_id", "accumulator_id") where "delivery" <> 'REJECTED';`,
    );
    this.addSql(`create index "telegram_update_claimed_at_index" on "telegram_update" ("claimed_at");`);
  }

  override down(): void {
    this.addSql(`drop index "telegram_update_claimed_at_index";`);
    this.addSql(`drop index "handover_scan_handover_id_accumulator_id_unique";`);
    this.addSql(`alter table "handover_scan" add constraint "handover_scan_handover_id_accumulator_id_unique" unique ("handover_id", "accumulator_id");`);
  }
}
