import { Migration } from "@mikro-orm/migrations";

export class Migration20261122222530 extends Migration {
  override up(): void {
    this.addSql(
      `create table "operator" ("login" text not null, "roles" text[] not null, "place_id" text null, "active" boolean not null default true, "telegram_user_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "operator_pkey" primary key ("login"));`,
    );
    this.addSql(`alter table "operator" add constraint "operator_telegram_user_id_unique" unique ("telegram_user_id");`);

    this.addSql(
      `create table "handover" ("id" uuid not null, "kind" text check ("kind" in ('GIVE', 'GET')) not null, "cabinet_id" text not null, "contractor_id" text not null, "operator_login" text not null, "started_at" timestamptz not null default now(), "finished_at" timestamptz null, "ended_by" text check ("ended_by" in ('FINISHED', 'REPLACED')) null, "booked_accumulators" jsonb not null, "cells_for_return" int not null default 0, constraint "handover_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "handover_operator_login_index" on "handover" ("operator_login");`);
    this.addSql(`create index "handover_started_at_index" on "handover" ("started_at");`);
    this.addSql(`create index "handover_contractor_id_started_at_index" on "handover" ("contractor_id", "started_at");`);
    this.addSql(`create index "handover_cabinet_id_started_at_index" on "handover" ("cabinet_id", "started_at");`);

    this.addSql(
      `create table "handover_scan" ("id" serial primary key, "handover_id" uuid not null, "accumulator_id" text not null, "at" timestamptz not null default now(), "delivery" text check ("delivery" in ('DELIVERED', 'PENDING', 'REJECTED')) not null default 'PENDING', "expected" boolean not null, "message" text null, "upstream_code" text null, "delivered_at" timestamptz null, "attempts" int not null default 0, "next_attempt_at" timestamptz null, "request_id" text not null);`,
    );
    this.addSql(`alter table "handover_scan" add constraint "handover_scan_handover_id_accumulator_id_unique" unique ("handover_id", "accumulator_id");`);

    this.addSql(
      `create table "operator_session" ("login" text not null, "state" text check ("state" in ('NONE', 'GIVE_ACCUMULATORS', 'GET_ACCUMULATORS', 'REPAIR')) not null default 'NONE', "contractor_id" text null, "cabinet_id" text null, "handover_id" uuid null, "updated_at" timestamptz not null default now(), constraint "operator_session_pkey" primary key ("login"));`,
    );

    this.addSql(
      `alter table "handover" add constraint "handover_operator_login_foreign" foreign key ("operator_login") references "operator" ("login") on update cascade;`,
    );

    this.addSql(
      `alter table "handover_scan" add constraint "handover_scan_handover_id_foreign" foreign key ("handover_id") references "handover" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "operator_session" add constraint "operator_session_handover_id_foreign" foreign key ("handover_id") references "handover" ("id") on update cascade on delete set null;`,
    );

    // Rules the database holds, not only the code:
    // every session belongs to an operator;
    this.addSql(
      `alter table "operator_session" add constraint "operator_session_login_foreign" foreign key ("login") references "operator" ("login") on update cascade on delete cascade;`,
    );
    // a session is in a handover state exactly when it points at its open handover;
    this.addSql(
      `alter table "operator_session" add constraint "operator_session_handover_matches_state" check ((state in ('GIVE_ACCUMULATORS', 'GET_ACCUMULATORS')) = (handover_id is not null));`,
    );
    // an operator has at most one open handover;
    this.addSql(`create unique index "handover_one_open_per_operator" on "handover" ("operator_login") where "finished_at" is null;`);
    // a closed handover says how it was closed.
    this.addSql(`alter table "handover" add constraint "handover_end_matches_finish" check ((finished_at is null) = (ended_by is null));`);
    // The outbox reads only the scans still waiting for scooter-accumulator.
    this.addSql(`create index "handover_scan_pending" on "handover_scan" ("handover_id", "id") where "delivery" = 'PENDING';`);
  }

  override down(): void {
    this.addSql(`alter table "operator_session" drop constraint "operator_session_login_foreign";`);
    this.addSql(`alter table "handover" drop constraint "handover_operator_login_foreign";`);

    this.addSql(`alter table "handover_scan" drop constraint "handover_scan_handover_id_foreign";`);

    this.addSql(`alter table "operator_session" drop constraint "operator_session_handover_id_foreign";`);

    this.addSql(`drop table if exists "operator" cascade;`);

    this.addSql(`drop table if exists "handover" cascade;`);

    this.addSql(`drop table if exists "handover_scan" cascade;`);

    this.addSql(`drop table if exists "operator_session" cascade;`);
  }
}
