import type { EntityManager } from "@mikro-orm/postgresql";

/** Who performs the seeded repairs; made when missing (local mode makes the demo ones first, with their own settings). */
export const HISTORY_MECHANICS = [
  { login: "demo_mechanic", roles: "{REPAIRER}", placeId: "wh-1" },
  { login: "demo_admin", roles: "{ADMIN,ACCUMULATOR_KEEPER,REPAIRER}", placeId: null },
  { login: "mech_anna", roles: "{REPAIRER}", placeId: "wh-2" },
  { login: "mech_pavel", roles: "{REPAIRER}", placeId: "wh-2" },
];

export interface SeedHistoryOptions {
  /** the company's time zone: repairs start in its working hours */
  timeZone: string;
  /** how many days back the history goes (default 120) */
  days?: number;
}

/**
 * Local mode's believable repair history, so the dashboard shows something real on the first start:
 * some months of repairs on the twelve demo scooters (sc-1001..sc-1012) by demo_mechanic,
 * demo_admin and two more mechanics at three warehouses, every job type with its variants and
 * typical durations, some failed and cancelled repairs and jobs, and one repair still performing
 * (mech_pavel on sc-1011). Set-based SQL in one transaction, seeded random numbers (the same
 * history each time); only on a database with no repair at all, so it runs once. Returns how many
 * repairs it wrote (0 when it did nothing).
 */
export async function seedHistory(em: EntityManager, options: SeedHistoryOptions): Promise<number> {
  const days = options.days ?? 120;
  const tz = options.timeZone;
  return em.transactional(async (tem) => {
    await tem.execute(`select pg_advisory_xact_lock(4242)`);
    const [{ fresh }] = await tem.execute<{ fresh: boolean }[]>(`select not exists (select 1 from "repair") as fresh`);
    if (!fresh) return 0;
    for (const m of HISTORY_MECHANICS) {
      await tem.execute(`insert into "operator" ("login", "roles", "place_id") values (?, ?, ?) on conflict ("login") do nothing`, [
        m.login,
        m.roles,
        m.placeId,
      ]);
    }
    await tem.execute(`select setseed(0.42)`);
    // Typical minutes per job type: the catalogue's types take from a few minutes to an hour.
    await tem.execute(`create temp table seed_type on commit drop as
      select row_number() over (order by code) as idx, code, variants,
             (case code when 'WRAPPING' then 55 when 'BRAKE_ADJUSTMENT' then 14 when 'FENDERS' then 25 when 'STEM_PLAY' then 32
                        when 'REFLECTORS' then 9 when 'BRAKE_CABLE' then 38 when 'DASHBOARD_CONTROLLER' then 48 when 'KICKSTAND' then 18
                        when 'PARKING_LOCK' then 42 when 'GRIPS' then 11 else 20 end) as minutes
        from "job_type" where active`);
    // Repairs: on each past day, each scooter comes in with some chance (less at weekends), in working hours.
    await tem.execute(
      `create temp table seed_repair on commit drop as
       select x.*, p.place_id from (
         select 'seed-' || to_char(d.day, 'YYYYMMDD') || '-' || v.vehicle_id as id, v.vehicle_id, v.n as vehicle_n, d.n as day_n,
                (array['demo_mechanic', 'demo_mechanic', 'mech_anna', 'mech_pavel', 'mech_anna', 'demo_admin'])[1 + floor(random() * 6)::int] as login,
                ((d.day + time '09:00' + make_interval(mins => floor(random() * 420)::int)) at time zone ?) as started_at,
                random() as status_r, 1 + floor(random() * random() * 4)::int as job_count
           from (select day::date as day, row_number() over (order by day) as n
                   from generate_series((now() at time zone ?)::date - ?::int, (now() at time zone ?)::date - 1, interval '1 day') day) d
          cross join (select 'sc-' || (1000 + n) as vehicle_id, n from generate_series(1, 12) n) v
          where random() < (case when extract(isodow from d.day) >= 6 then 0.06 else 0.2 end) * (0.5 + v.n / 12.0)
       ) x
       join (values ('demo_mechanic', 'wh-1'), ('mech_anna', 'wh-2'), ('mech_pavel', 'wh-2'), ('demo_admin', 'wh-3')) as p(login, place_id) on p.login = x.login`,
      [tz, tz, days, tz],
    );
    await tem.execute(
      `create temp table seed_job on commit drop as
       select j.*, sum(j.seconds + 180) over (partition by j.repair_id order by j.k) - j.seconds as offset_seconds
         from (select r.id || '-' || r.k as id, r.id as repair_id, r.k, r.job_count, t.code, t.variants,
                      (t.minutes * 60 * (0.6 + random() * 0.9))::int as seconds, random() as status_r, random() as variant_r
                 from (select r.id, r.job_count, k, 1 + floor(random() * (select count(*) from seed_type))::int as type_idx
                         from seed_repair r cross join lateral generate_series(1, r.job_count) k) r
                 join seed_type t on t.idx = r.type_idx) j`,
    );
    await tem.execute(
      `insert into "repair" ("id", "vehicle_id", "place_id", "performer_login", "status", "started_at", "finished_at", "mileage_at_start_km")
       select r.id, r.vehicle_id, r.place_id, r.login,
              case when r.status_r < 0.07 then 'CANCELLED' when r.status_r < 0.15 then 'FAILED' else 'COMPLETED' end,
              r.started_at, r.started_at + make_interval(secs => (select max(j.offset_seconds + j.seconds) from seed_job j where j.repair_id = r.id) + 300),
              -- the odometer grows towards the Drive emulator's demo mileage of today (350 + n × 137.5 km)
              round(((350 + r.vehicle_n * 137.5) * (0.3 + 0.65 * r.day_n / ?::float8) + random() * 3)::numeric, 1)
         from seed_repair r`,
      [days],
    );
    await tem.execute(
      `insert into "repair_job" ("id", "repair_id", "type_code", "variant", "status", "started_at", "finished_at")
       select j.id, j.repair_id, j.code,
              case when cardinality(j.variants) > 0 then j.variants[1 + floor(j.variant_r * cardinality(j.variants))::int] end,
              case when j.k = j.job_count and r.status <> 'COMPLETED' then r.status when j.status_r < 0.07 then 'FAILED' else 'COMPLETED' end,
              r.started_at + make_interval(secs => j.offset_seconds - 120), r.started_at + make_interval(secs => j.offset_seconds - 120 + j.seconds)
         from seed_job j join "repair" r on r.id = j.repair_id`,
    );
    // One repair is still going on: mech_pavel on sc-1011, one job done and one running.
    await tem.execute(
      `insert into "repair" ("id", "vehicle_id", "place_id", "performer_login", "status", "started_at", "mileage_at_start_km")
       values ('seed-now-sc-1011', 'sc-1011', 'wh-2', 'mech_pavel', 'PERFORMING', now() - interval '95 minutes', 1858.9)`,
    );
    await tem.execute(
      `insert into "repair_job" ("id", "repair_id", "type_code", "variant", "status", "started_at", "finished_at") values
         ('seed-now-sc-1011-1', 'seed-now-sc-1011', 'BRAKE_CABLE', 'REPLACE', 'COMPLETED', now() - interval '90 minutes', now() - interval '52 minutes'),
         ('seed-now-sc-1011-2', 'seed-now-sc-1011', 'DASHBOARD_CONTROLLER', 'REPAIR', 'PERFORMING', now() - interval '45 minutes', null)`,
    );
    const [{ count }] = await tem.execute<{ count: number }[]>(`select count(*)::int as count from "repair"`);
    return count;
  });
}
