import { Migration } from "@mikro-orm/migrations";

/**
 * The scan path looks up a handover's earlier scans of one accumulator by its folded id (lower
 * case, Cyrillic look-alikes as Latin letters: gateway/handover/match.ts FOLDED_ID_SQL, written
 * out here as it was when this migration was made), so the cost of a scan does not grow with
 * the handover.
 */
export class Migration20261201193000 extends Migration {
  override up(): void {
    this.addSql(
      `create index "handover_scan_folded_id" on "handover_scan" ("handover_id", translate(lower("accumulator_id"), 'АВЕЁКМНОРСТУХІавеёкмнорстухі', 'abeekmhopctyxiabeekmhopctyxi'));`,
    );
  }

  override down(): void {
    this.addSql(`drop index "handover_scan_folded_id";`);
  }
}
