import { Migration } from "@mikro-orm/migrations";

/**
 * Indexes for repair analytics (gateway/analytics): the newest-first page of `repairs` and the
 * period filter walk (started_at, id); a warehouse's period uses (place_id, started_at); the job-type
 * filter and grouping use (type_code, repair_id); the jobs of the counted repairs are read from
 * covering indexes, without visiting the table: by repair, or (with a period) by start time; the
 * days in repair of a period find the repairs still open after its start by
 * coalesce(finished_at, 'infinity').
 */
export class Migration20261201190000 extends Migration {
  override up(): void {
    this.addSql(`create index if not exists "repair_started_at_id_index" on "repair" ("started_at", "id");`);
    this.addSql(`create index if not exists "repair_place_id_started_at_index" on "repair" ("place_id", "started_at");`);
    this.addSql(`create index if not exists "repair_job_type_code_repair_id_index" on "repair_job" ("type_code", "repair_id");`);
    this.addSql(
      `create index if not exists "repair_job_repair_id_covering_index" on "repair_job" ("repair_id") include ("type_code", "status", "started_at", "finished_at");`,
    );
    this.addSql(
      `create index if not exists "repair_job_started_at_covering_index" on "repair_job" ("started_at") include ("repair_id", "type_code", "status", "finished_at");`,
    );
    this.addSql(`create index if not exists "repair_open_or_finished_index" on "repair" ((coalesce("finished_at", 'infinity'::timestamptz)));`);
  }

  override down(): void {
    this.addSql(`drop index if exists "repair_open_or_finished_index";`);
    this.addSql(`drop index if exists "repair_job_started_at_covering_index";`);
    this.addSql(`drop index if exists "repair_job_repair_id_covering_index";`);
    this.addSql(`drop index if exists "repair_job_type_code_repair_id_index";`);
    this.addSql(`drop index if exists "repair_place_id_started_at_index";`);
    this.addSql(`drop index if exists "repair_started_at_id_index";`);
  }
}
