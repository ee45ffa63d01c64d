import { Migration } from "@mikro-orm/migrations";

/**
 * Statistics per job type without joining the jobs back to their repairs. A JOB_TYPE row counts
 * the repairs that hold a job of that type, once each, with the repair's status and time in
 * repair: so every job row also carries its repair's status and duration, and marks whether it is
 * the first job of its type in its repair (`first_of_type`: the one that counts the repair for
 * that type). The database keeps them as it keeps the other copies (Migration20261202040000): the
 * job's trigger fills them on insert, and a repair's end (its status and finished_at) is followed
 * into its jobs. Jobs are never deleted and never change type, and a job starts only with its
 * repair locked, so the first of a type is decided once, at insert.
 */
export class Migration20261202070000 extends Migration {
  override up(): void {
    this.addSql(
      `alter table "repair_job" add column "repair_status" text null, add column "repair_duration_seconds" double precision null, add column "first_of_type" boolean null;`,
    );
    this.addSql(
      `update "repair_job" j set "repair_status" = r."status", "repair_duration_seconds" = r."duration_seconds",
         "first_of_type" = not exists (
           select 1 from "repair_job" o where o."repair_id" = j."repair_id" and o."type_code" = j."type_code" and (o."started_at", o."id") < (j."started_at", j."id"))
         from "repair" r where r."id" = j."repair_id";`,
    );
    this.addSql(`alter table "repair_job" alter column "repair_status" set not null, alter column "first_of_type" set not null;`);
    this.addSql(`create or replace function "repair_job_copy_repair"() returns trigger language plpgsql as $$
      begin
        select r."started_at", r."vehicle_id", r."place_id", r."performer_login", r."status", r."duration_seconds"
          into new."repair_started_at", new."vehicle_id", new."place_id", new."performer_login", new."repair_status", new."repair_duration_seconds"
          from "repair" r where r."id" = new."repair_id";
        if tg_op = 'INSERT' then
          -- rows inserted earlier by the same statement are visible here (a row-level BEFORE trigger)
          new."first_of_type" := not exists (select 1 from "repair_job" o where o."repair_id" = new."repair_id" and o."type_code" = new."type_code");
        end if;
        return new;
      end $$;`);
    this.addSql(`drop trigger "repair_job_copy_repair" on "repair_job";`);
    this.addSql(
      `create trigger "repair_job_copy_repair" before insert or update of "repair_id", "repair_started_at", "vehicle_id", "place_id", "performer_login", "repair_status", "repair_duration_seconds" on "repair_job"
         for each row execute function "repair_job_copy_repair"();`,
    );
    this.addSql(`drop trigger "repair_copy_to_jobs" on "repair";`);
    this.addSql(
      `create trigger "repair_copy_to_jobs" after update of "started_at", "vehicle_id", "place_id", "performer_login", "status", "finished_at" on "repair"
         for each row when (old."started_at" is distinct from new."started_at" or old."vehicle_id" is distinct from new."vehicle_id"
           or old."place_id" is distinct from new."place_id" or old."performer_login" is distinct from new."performer_login"
           or old."status" is distinct from new."status" or old."finished_at" is distinct from new."finished_at")
         execute function "repair_copy_to_jobs"();`,
    );
    this.addSql(`drop index "repair_job_of_period_index";`);
    this.addSql(
      `create index "repair_job_of_period_index" on "repair_job" ("repair_started_at")
         include ("repair_id", "type_code", "status", "duration_seconds", "vehicle_id", "place_id", "performer_login", "repair_status", "repair_duration_seconds", "first_of_type");`,
    );
  }

  override down(): void {
    this.addSql(`drop index "repair_job_of_period_index";`);
    this.addSql(
      `create index "repair_job_of_period_index" on "repair_job" ("repair_started_at")
         include ("repair_id", "type_code", "status", "duration_seconds", "vehicle_id", "place_id", "performer_login");`,
    );
    this.addSql(`drop trigger "repair_copy_to_jobs" on "repair";`);
    this.addSql(
      `create trigger "repair_copy_to_jobs" after update of "started_at", "vehicle_id", "place_id", "performer_login" on "repair"
         for each row when (old."started_at" is distinct from new."started_at" or old."vehicle_id" is distinct from new."vehicle_id"
           or old."place_id" is distinct from new."place_id" or old."performer_login" is distinct from new."performer_login")
         execute function "repair_copy_to_jobs"();`,
    );
    this.addSql(`drop trigger "repair_job_copy_repair" on "repair_job";`);
    this.addSql(`create or replace function "repair_job_copy_repair"() returns trigger language plpgsql as $$
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
    this.addSql(`alter table "repair_job" drop column "repair_status", drop column "repair_duration_seconds", drop column "first_of_type";`);
  }
}
