/**
 * Seeds a database for benchmarks with set-based SQL (generate_series), fast enough for 100 000
 * repairs and 400 000 jobs in seconds. Usable as a module (seedBench) and from the command line:
 *
 *   npm run build && node dist/bench/seed.js --database-url postgres://postgres@127.0.0.1:5432/bench \
 *     --repairs 100000 --jobs-per-repair 4 [--vehicles 3000] [--mechanics 40] [--days 365]
 *
 *       [--scans 1000000] [--scans-per-handover 100]
 *
 * It applies the migrations first. Each part is one function with its own flag.
 */
import "reflect-metadata";
import { MikroORM, type EntityManager } from "@mikro-orm/postgresql";
import { ensureDatabase } from "../gateway/db/databases";
import { ormConfig } from "../gateway/db/orm-config";

export interface RepairSeed {
  repairs: number;
  jobsPerRepair: number;
  vehicles: number;
  mechanics: number;
  /** the repairs start within this many days before now */
  days: number;
}

export const DEFAULT_REPAIR_SEED: RepairSeed = { repairs: 100_000, jobsPerRepair: 4, vehicles: 3000, mechanics: 40, days: 365 };

/** Mechanics bench_m1..N at wh-1..wh-3 (the places the scooters-misc emulator knows) and a manager. */
export async function seedOperators(em: EntityManager, mechanics: number): Promise<void> {
  await em.execute(
    `insert into "operator" ("login", "roles", "place_id")
     select 'bench_m' || n, '{REPAIRER}', 'wh-' || (1 + n % 3) from generate_series(1, ?::int) n
     on conflict ("login") do nothing`,
    [mechanics],
  );
  await em.execute(`insert into "operator" ("login", "roles") values ('bench_manager', '{MANAGER}') on conflict ("login") do nothing`);
}

/**
 * Repairs over the last `days` days (85 % completed, 8 % failed, 7 % cancelled), `jobsPerRepair`
 * jobs each over the ten job types with their variants, odometers that grow with time, and one
 * performing repair (with a performing job) for each of the first mechanics.
 */
export async function seedRepairs(em: EntityManager, seed: RepairSeed): Promise<void> {
  const { repairs, jobsPerRepair, vehicles, mechanics, days } = seed;
  await em.execute(`select setseed(0.17)`);
  await em.execute(
    `insert into "repair" ("id", "vehicle_id", "place_id", "performer_login", "status", "started_at", "finished_at", "mileage_at_start_km")
     select 'b-' || n, 'bv-' || (n % ?::int), 'wh-' || (1 + (n % ?::int) % 3), 'bench_m' || (1 + (n % ?::int)),
            s.status, s.started_at, s.started_at + make_interval(secs => 600 + floor(random() * 14000)::int),
            round((100 + extract(epoch from s.started_at - (now() - make_interval(days => ?::int))) / 86400 * (5 + (n % 7)))::numeric, 1)
       from generate_series(1, ?::int) n
      cross join lateral (select case when random() < 0.85 then 'COMPLETED' when random() < 0.53 then 'FAILED' else 'CANCELLED' end as status,
                                 now() - make_interval(secs => floor(random() * ?::int * 86400)::int + 86400 * 0 * n) as started_at) s`,
    [vehicles, mechanics, mechanics, days, repairs, days],
  );
  await em.execute(
    `insert into "repair_job" ("id", "repair_id", "type_code", "variant", "status", "started_at", "finished_at")
     select r.id || '-' || k, r.id, t.code,
            case when cardinality(t.variants) > 0 then t.variants[1 + (k % cardinality(t.variants))] end,
            case when k = ?::int and r.status <> 'COMPLETED' then r.status when random() < 0.05 then 'FAILED' else 'COMPLETED' end,
            r.started_at + (r.finished_at - r.started_at) * (k - 1) / ?::int,
            r.started_at + (r.finished_at - r.started_at) * k / ?::int - interval '30 seconds'
       from "repair" r
      cross join generate_series(1, ?::int) k
       join (select code, variants, row_number() over (order by code) - 1 as idx from "job_type") t
         on t.idx = (abs(hashtext(r.id)) + k * 3) % 10
      where r.id like 'b-%'`,
    [jobsPerRepair, jobsPerRepair, jobsPerRepair, jobsPerRepair],
  );
  // Some repairs are going on now: one per mechanic of the first 30, each on its own vehicle.
  await em.execute(
    `insert into "repair" ("id", "vehicle_id", "place_id", "performer_login", "status", "started_at", "mileage_at_start_km")
     select 'b-now-' || n, 'bv-now-' || n, 'wh-' || (1 + n % 3), 'bench_m' || n, 'PERFORMING', now() - make_interval(mins => n * 3), 500
       from generate_series(1, least(30, ?::int)) n`,
    [mechanics],
  );
  await em.execute(
    `insert into "repair_job" ("id", "repair_id", "type_code", "status", "started_at")
     select 'b-now-' || n || '-1', 'b-now-' || n, 'GRIPS', 'PERFORMING', now() - make_interval(mins => n * 2)
       from generate_series(1, least(30, ?::int)) n`,
    [mechanics],
  );
}

export interface ScanSeed {
  scans: number;
  perHandover: number;
}

/**
 * Finished handovers of keepers bench_k1..bench_k20 over the last months, GIVE and GET in turn,
 * `perHandover` delivered scans each (the first three of a GIVE were booked), `scans` in all.
 */
export async function seedScans(em: EntityManager, seed: ScanSeed): Promise<void> {
  const handovers = Math.ceil(seed.scans / seed.perHandover);
  await em.execute(
    `insert into "operator" ("login", "roles") select 'bench_k' || n, '{ACCUMULATOR_KEEPER}' from generate_series(1, 20) n on conflict ("login") do nothing`,
  );
  await em.execute(
    `insert into "handover" ("id", "kind", "cabinet_id", "contractor_id", "operator_login", "started_at", "finished_at", "ended_by", "booked_accumulators", "cells_for_return")
     select md5('bench-handover-' || n)::uuid, case when n % 2 = 0 then 'GIVE' else 'GET' end, 'bcab-' || (n % 200), 'bctr-' || (n % 500), 'bench_k' || (1 + n % 20),
            s.at, s.at + interval '20 minutes', 'FINISHED',
            case when n % 2 = 0 then jsonb_build_array(jsonb_build_object('accumulatorId', 'bacc-' || n || '-1', 'cellId', null, 'chargePercent', 90),
                                                       jsonb_build_object('accumulatorId', 'bacc-' || n || '-2', 'cellId', null, 'chargePercent', 90),
                                                       jsonb_build_object('accumulatorId', 'bacc-' || n || '-3', 'cellId', null, 'chargePercent', 90))
                 else '[]'::jsonb end,
            case when n % 2 = 0 then 0 else ?::int end
       from generate_series(1, ?::int) n
      cross join lateral (select now() - make_interval(mins => 30 * n) as at) s`,
    [seed.perHandover, handovers],
  );
  await em.execute(
    `insert into "handover_scan" ("handover_id", "accumulator_id", "at", "delivery", "expected", "delivered_at", "attempts", "request_id")
     select md5('bench-handover-' || n)::uuid, 'bacc-' || n || '-' || k, s.at, 'DELIVERED', k <= 3 or n % 2 = 1, s.at, 1, 'bench-seed'
       from generate_series(1, ?::int) n
      cross join generate_series(1, ?::int) k
      cross join lateral (select now() - make_interval(mins => 30 * n) + make_interval(secs => 10 * k) as at) s
      where (n - 1) * ?::int + k <= ?::int`,
    [handovers, seed.perHandover, seed.perHandover, seed.scans],
  );
}

/** After a bulk load: fresh statistics and visibility maps, as a running database would have. */
export async function analyze(em: EntityManager): Promise<void> {
  await em.execute(`vacuum analyze "repair"`);
  await em.execute(`vacuum analyze "repair_job"`);
  await em.execute(`vacuum analyze "operator"`);
  await em.execute(`vacuum analyze "handover"`);
  await em.execute(`vacuum analyze "handover_scan"`);
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main() {
  const args = process.argv.slice(2);
  const url = flag(args, "database-url") ?? process.env.DATABASE_URL;
  if (!url) throw new Error("--database-url (or DATABASE_URL) is needed");
  const number = (name: string, fallback: number) => {
    const value = flag(args, name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a whole number`);
    return Number(value);
  };
  const seed: RepairSeed = {
    repairs: number("repairs", DEFAULT_REPAIR_SEED.repairs),
    jobsPerRepair: number("jobs-per-repair", DEFAULT_REPAIR_SEED.jobsPerRepair),
    vehicles: number("vehicles", DEFAULT_REPAIR_SEED.vehicles),
    mechanics: number("mechanics", DEFAULT_REPAIR_SEED.mechanics),
    days: number("days", DEFAULT_REPAIR_SEED.days),
  };
  const scans: ScanSeed = { scans: number("scans", 0), perHandover: Math.max(1, number("scans-per-handover", 100)) };
  await ensureDatabase(url);
  const orm = await MikroORM.init(ormConfig(url));
  try {
    await orm.getMigrator().up();
    const em = orm.em.fork();
    const started = Date.now();
    await seedOperators(em, seed.mechanics);
    if (seed.repairs > 0) await seedRepairs(em, seed);
    if (scans.scans > 0) await seedScans(em, scans);
    await analyze(em);
    console.log(
      `seeded ${seed.repairs} repairs, ${seed.repairs * seed.jobsPerRepair} jobs, ${scans.scans} scans in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await orm.close();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
