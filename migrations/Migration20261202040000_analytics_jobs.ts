import { Migration } from "@mikro-orm/migrations";

/**
 * Repair analytics without a join per statistic. Every job row carries its repair's start, vehicle,
 * place and performer (none of which changes once a repair has started), so the jobs of a period,
 * a warehouse or a mechanic are read from one covering index instead of being joined to their
 * repairs; both tables keep their duration in seconds as a stored column. The database keeps the
 * copies: a trigger fills them on every insert of a job (whatever writes it) and another follows
 * a repair whose start, vehicle, place or performer is ever updated.
 */
export class Migration20261202040000 extends Migration {
  override up(): void {
    this.addSql(
      `alter table "repair" add column "duration_seconds" double precision generated always as (date_part('epoch', "finished_at" - "started_at")) stored;`,
    );
    this.addSql(
      `alter table "repair_job" add column "duration_seconds" double precision generated always as (date_part('epoch', "finished_at" - "started_at")) stored,
        add column "repair_started_at" timestamptz null, add column "vehicle_id" text null, add column "place_id" text null, add column "performer_login" text null;`,
    );
    this.addSql(
      `update "repair_job" j set "repair_started_at" = r."started_at", "vehicle_id" = r."vehicle_id", "place_id" = r."place_id", "performer_login" = r."performer_login"
         from "repair" r where r."id" = j."repair_id";`,
    );
    this.addSql(
      `alter table "repair_job" alter column "repair_started_at" set not null, alter column "vehicle_id" set not null,
        alter column "place_id" set not null, alter column "performer_login" set not null;`,
    );
    this.addSql(`create function "repair_job_copy_repair"() returns trigger language plpgsql as $$
      begin
        select r."started_at", r."vehicle_id", r."place_id", r."performer_login"
          into new."repair_started_at", new."vehicle_id", new."place_id", new."performer_login"
          from "repair" r where r."id" = new."repair_id";
        return new;
      end $$;`);
    this.addSql(
      `create trigger "repair_job_copy_repair" before insert or update of "repair_id", "repair_started_at", "vehicle_id", "place_id", "performer_login" on "repair_job"
         for each row execute function "repair_job_copy_repair"();`,
    );
    this.addSql(`create function "repair_copy_to_jobs"() returns trigger language plpgsql as $$
      begin
        update "repair_job" set "repair_id" = new."id" where "repair_id" = new."id";
        return null;
      end $$;`);
    this.addSql(
      `create trigger "repair_copy_to_jobs" after update of "started_at", "vehicle_id", "place_id", "performer_login" on "repair"
         for each row when (old."started_at" is distinct from new."started_at" or old."vehicle_id" is distinct from new."vehicle_id"
           or old."place_id" is distinct from new."place_id" or old."performer_login" is distinct from new."performer_login")
         execute function "repair_copy_to_jobs"();`,
    );
    this.addSql(
      `create index "repair_job_of_period_index" on "repair_job" ("repair_started_at")
         include ("repair_id", "type_code", "status", "duration_seconds", "vehicle_id", "place_id", "performer_login");`,
    );
    this.addSql(`drop index if exists "repair_job_started_at_covering_index";`);
  }

  override down(): void {
    this.addSql(
      `create index if not exists "repair_job_started_at_covering_index" on "repair_job" ("started_at") include ("repair_id", "type_code", "status", "finished_at");`,
    );
    this.addSql(`drop index if exists "repair_job_of_period_index";`);
    this.addSql(`drop trigger if exists "repair_copy_to_jobs" on "repair";`);
    this.addSql(`drop function if exists "repair_copy_to_jobs"();`);
    this.addSql(`drop trigger if exists "repair_job_copy_repair" on "repair_job";`);
    this.addSql(`drop function if exists "repair_job_copy_repair"();`);
    this.addSql(
      `alter table "repair_job" drop column "duration_seconds", drop column "repair_started_at", drop column "vehicle_id", drop column "place_id", drop column "performer_login";`,
    );
    this.addSql(`alter table "repair" drop column "duration_seconds";`);
  }
}
