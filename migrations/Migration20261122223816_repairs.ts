import { Migration } from "@mikro-orm/migrations";

/** The ten job types field repairs started with, with their variants. */
const JOB_TYPES: [code: string, titleRu: string, titleEn: string, variants: string[]][] = [
  ["WRAPPING", "Оклейка", "Wrapping", []],
  ["BRAKE_ADJUSTMENT", "Регулировка тормозов", "Brake adjustment", []],
  ["FENDERS", "Крылья", "Fenders", ["REPLACE", "REPAIR"]],
  ["STEM_PLAY", "Люфт стойки", "Stem play", ["TIGHTEN", "REPLACE_BEARING"]],
  ["REFLECTORS", "Катафоты", "Reflectors", ["REPLACE"]],
  ["BRAKE_CABLE", "Порванный трос тормоза", "Broken brake cable", ["REPLACE"]],
  ["DASHBOARD_CONTROLLER", "Дашборд / контроллер", "Dashboard / controller", ["REPLACE", "REPAIR"]],
  ["KICKSTAND", "Подножка", "Kickstand", ["REPLACE", "REPAIR"]],
  ["PARKING_LOCK", "Замок парковки", "Parking lock", ["REPLACE", "REPAIR"]],
  ["GRIPS", "Грипсы", "Grips", ["REPLACE", "CLEAN"]],
];

/** Repairs (work orders), their jobs, the job-type catalogue and the scooter-control audit log. */
export class Migration20261122223816 extends Migration {
  override up(): void {
    this.addSql(
      `create table "job_type" ("code" text not null, "title_ru" text not null, "title_en" text null, "variants" text[] not null, "active" boolean not null default true, "created_at" timestamptz not null default now(), constraint "job_type_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "repair" ("id" text not null, "vehicle_id" text not null, "place_id" text not null, "performer_login" text not null, "status" text check ("status" in ('PERFORMING', 'CANCELLED', 'FAILED', 'COMPLETED')) not null default 'PERFORMING', "started_at" timestamptz not null default now(), "finished_at" timestamptz null, "mileage_at_start_km" double precision null, constraint "repair_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "repair_performer_login_started_at_index" on "repair" ("performer_login", "started_at");`);
    this.addSql(`create index "repair_vehicle_id_started_at_index" on "repair" ("vehicle_id", "started_at");`);

    this.addSql(
      `create table "repair_job" ("id" text not null, "repair_id" text not null, "type_code" text not null, "variant" text null, "status" text check ("status" in ('PERFORMING', 'CANCELLED', 'FAILED', 'COMPLETED')) not null default 'PERFORMING', "started_at" timestamptz not null default now(), "finished_at" timestamptz null, constraint "repair_job_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "repair_job_repair_id_index" on "repair_job" ("repair_id");`);

    this.addSql(
      `create table "scooter_control" ("id" uuid not null, "vehicle_id" text not null, "action" text check ("action" in ('OPEN_DECK', 'BLINK_LIGHT', 'SELF_TEST', 'OPEN_LOCK', 'BLOCK_WHEEL', 'UNBLOCK_WHEEL')) not null, "operator_login" text not null, "repair_id" text null, "outcome" text check ("outcome" in ('SENT', 'OK', 'FAILED', 'NO_ANSWER')) not null default 'SENT', "message" text null, "at" timestamptz not null default now(), "answered_at" timestamptz null, constraint "scooter_control_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "scooter_control_vehicle_id_at_index" on "scooter_control" ("vehicle_id", "at");`);

    this.addSql(
      `alter table "repair" add constraint "repair_performer_login_foreign" foreign key ("performer_login") references "operator" ("login") on update cascade;`,
    );

    this.addSql(
      `alter table "repair_job" add constraint "repair_job_repair_id_foreign" foreign key ("repair_id") references "repair" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "repair_job" add constraint "repair_job_type_code_foreign" foreign key ("type_code") references "job_type" ("code") on update cascade;`,
    );

    this.addSql(
      `alter table "scooter_control" add constraint "scooter_control_operator_login_foreign" foreign key ("operator_login") references "operator" ("login") on update cascade;`,
    );

    this.addSql(`alter table "operator_session" add column "repair_id" text null;`);
    this.addSql(
      `alter table "operator_session" add constraint "operator_session_repair_id_foreign" foreign key ("repair_id") references "repair" ("id") on update cascade on delete set null;`,
    );

    // Rules the database holds, not only the code:
    // one performing repair per performer and one per vehicle;
    this.addSql(`create unique index "repair_one_performing_per_performer" on "repair" ("performer_login") where "status" = 'PERFORMING';`);
    this.addSql(`create unique index "repair_one_performing_per_vehicle" on "repair" ("vehicle_id") where "status" = 'PERFORMING';`);
    // one performing job per repair;
    this.addSql(`create unique index "repair_job_one_performing_per_repair" on "repair_job" ("repair_id") where "status" = 'PERFORMING';`);
    // an ended repair or job has its end time, a performing one has none;
    this.addSql(`alter table "repair" add constraint "repair_end_matches_status" check (("status" = 'PERFORMING') = ("finished_at" is null));`);
    this.addSql(`alter table "repair_job" add constraint "repair_job_end_matches_status" check (("status" = 'PERFORMING') = ("finished_at" is null));`);
    // a session is in REPAIR exactly when it points at the repair.
    this.addSql(
      `alter table "operator_session" add constraint "operator_session_repair_matches_state" check (("state" = 'REPAIR') = ("repair_id" is not null));`,
    );
    // The catalogue's first entries.
    for (const [code, titleRu, titleEn, variants] of JOB_TYPES) {
      this.addSql(
        this.getKnex().raw(`insert into "job_type" ("code", "title_ru", "title_en", "variants") values (?, ?, ?, ?) on conflict do nothing`, [
          code,
          titleRu,
          titleEn,
          `{${variants.join(",")}}`,
        ]),
      );
    }
  }

  override down(): void {
    this.addSql(`alter table "repair_job" drop constraint "repair_job_type_code_foreign";`);

    this.addSql(`alter table "repair_job" drop constraint "repair_job_repair_id_foreign";`);

    this.addSql(`alter table "operator_session" drop constraint "operator_session_repair_id_foreign";`);

    this.addSql(`drop table if exists "job_type" cascade;`);

    this.addSql(`drop table if exists "repair" cascade;`);

    this.addSql(`drop table if exists "repair_job" cascade;`);

    this.addSql(`drop table if exists "scooter_control" cascade;`);

    this.addSql(`alter table "operator_session" drop column "repair_id";`);
  }
}
