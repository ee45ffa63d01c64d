/**
 * npm run bench:volume [-- --quick]: do the everyday reads and the next scan stay as fast with a
 * year of history in the database? The production gateway runs twice against the machine's
 * PostgreSQL: on an empty database, then on one seeded with 100 000 repairs, 400 000 jobs and
 * 1 000 000 handover scans (bench/seed.ts; --quick: a tenth). In both, vehicle sc-1001 has the
 * same 30 repairs and the bench keeper one open handover, so each request has the same answer to
 * give; what differs is everything else in the tables. Each operation is called one after
 * another (a person at a screen), and the query plans of the statements behind them, on the
 * seeded database, are written with the timings to bench/VOLUME.md.
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { MikroORM } from "@mikro-orm/postgresql";
import { dropDatabase, ensureDatabase } from "../gateway/db/databases";
import { ormConfig } from "../gateway/db/orm-config";
import { Database } from "../gateway/db/sql";
import { OPEN_HANDOVER_SQL } from "../gateway/handover/handover.service";
import { foldId } from "../gateway/handover/match";
import { Emulators } from "../emulators";
import { repoRoot } from "../emulators/paths";
import { gql, sign, startGateway, stop } from "./processes";
import { analyze, seedOperators, seedRepairs, seedScans, DEFAULT_REPAIR_SEED } from "./seed";

const QUICK = process.argv.includes("--quick");
const SAMPLES = QUICK ? 60 : 200;
const SCALE = QUICK ? 10 : 1;
const PG_SERVER = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432";

const OPERATIONS: { name: string; query: string; variables: (n: number) => Record<string, unknown> }[] = [
  {
    name: "repairHistory (10 of a vehicle's repairs, with jobs)",
    query: `query($v: ID!) { repairHistory(vehicleId: $v, first: 10) { id status durationSeconds jobs { status type { code } } } }`,
    variables: () => ({ v: "sc-1001" }),
  },
  {
    name: "scooter (the vehicle card)",
    query: `query($v: ID!) { scooter(vehicleId: $v) { vehicleId mileageKm brokenComment activeRepair { id } lastRepair { id } repairs { id status jobs { type { title } } } } }`,
    variables: () => ({ v: "sc-1001" }),
  },
  {
    name: "handovers (newest 20)",
    query: `{ handovers(first: 20) { id kind cabinetId startedAt } }`,
    variables: () => ({}),
  },
  {
    name: "handovers at one cabinet, with progress",
    query: `query($c: ID!) { handovers(cabinetId: $c, first: 20) { id done expected } }`,
    variables: () => ({ c: "cab-1" }),
  },
  {
    name: "the next scan (accumulatorTaken)",
    query: `mutation($a: ID!) { accumulatorTaken(accumulatorId: $a) { scan { delivery } done expected } }`,
    variables: (n) => ({ a: `acc-vol-${n}` }),
  },
];

/** The same 30 repairs of sc-1001, 4 jobs each, in either database. */
async function seedVehicle(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  await seedOperators(em, DEFAULT_REPAIR_SEED.mechanics);
  await em.execute(
    `insert into "repair" ("id", "vehicle_id", "place_id", "performer_login", "status", "started_at", "finished_at", "mileage_at_start_km")
     select 'vol-' || n, 'sc-1001', 'wh-1', 'bench_m1', 'COMPLETED', now() - make_interval(days => n), now() - make_interval(days => n) + interval '2 hours', 1000 + n
       from generate_series(1, 30) n`,
  );
  await em.execute(
    `insert into "repair_job" ("id", "repair_id", "type_code", "status", "started_at", "finished_at")
     select r.id || '-' || k, r.id, (select code from "job_type" order by code offset k limit 1), 'COMPLETED', r.started_at + make_interval(mins => 20 * k), r.started_at + make_interval(mins => 20 * k + 15)
       from "repair" r cross join generate_series(1, 4) k where r.id like 'vol-%'`,
  );
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => +sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1);
  return { p50: at(50), p99: at(99) };
}

async function measure(label: string, seeded: boolean, upstreams: Record<string, string>) {
  const databaseUrl = `${PG_SERVER}/scooter_ops_volume_${randomBytes(3).toString("hex")}`;
  await ensureDatabase(databaseUrl);
  const orm = await MikroORM.init(ormConfig(databaseUrl));
  let plans: string[] = [];
  try {
    await orm.getMigrator().up();
    await seedVehicle(orm);
    if (seeded) {
      const em = orm.em.fork();
      const started = Date.now();
      await seedRepairs(em, { ...DEFAULT_REPAIR_SEED, repairs: DEFAULT_REPAIR_SEED.repairs / SCALE });
      await seedScans(em, { scans: 1_000_000 / SCALE, perHandover: 100 });
      console.log(`${label}: seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    await analyze(orm.em.fork());
    // the bulk load's dirty pages written out now, not by a checkpoint in the middle of the timings
    await orm.em.fork().execute("checkpoint");
    const counts = await orm.em
      .fork()
      .execute<{ repairs: number; jobs: number; scans: number }[]>(
        `select (select count(*)::int from "repair") as repairs, (select count(*)::int from "repair_job") as jobs, (select count(*)::int from "handover_scan") as scans`,
      );

    const gateway = await startGateway(databaseUrl, upstreams);
    const admin = sign("bench_admin");
    await gql(gateway.url, admin, `mutation { upsertOperator(input: { login: "vol_keeper", roles: [ACCUMULATOR_KEEPER] }) { login } }`);
    const keeper = sign("vol_keeper");
    const opened = await gql(gateway.url, keeper, `mutation { bookingInfo(cabinetId: "cab-1", contractorId: "ctr-1", kind: GIVE) { handover { id } } }`);
    const rows: { name: string; p50: number; p99: number }[] = [];
    for (const op of OPERATIONS) {
      const token = op.name.startsWith("the next scan") || op.name.includes("cabinet") ? keeper : admin;
      for (let i = 0; i < 10; i++) await gql(gateway.url, token, op.query, op.variables(-i - 1)); // warm up
      const times: number[] = [];
      for (let n = 0; n < SAMPLES; n++) {
        const started = performance.now();
        await gql(gateway.url, token, op.query, op.variables(n));
        times.push(performance.now() - started);
      }
      rows.push({ name: op.name, ...percentiles(times) });
    }
    await stop(gateway);
    if (seeded) plans = await explain(orm, opened.bookingInfo.handover.id as string);
    return { label, counts: counts[0], rows, plans };
  } finally {
    await orm.close();
    await dropDatabase(databaseUrl);
  }
}

/** The plans of the statements behind the operations above, on the seeded database. */
async function explain(orm: MikroORM, openHandoverId: string): Promise<string[]> {
  const db = new Database(orm.em.fork());
  const statements: { what: string; sql: string; params: unknown[] }[] = [
    {
      what: "repairHistory: a vehicle's newest repairs",
      sql: `select * from "repair" where "vehicle_id" = ? order by "started_at" desc, "id" desc limit 10`,
      params: ["sc-1001"],
    },
    {
      what: "card: repairs of the vehicle (loader)",
      sql: `select ranked.* from (select r.*, row_number() over (partition by r.vehicle_id order by r.started_at desc, r.id desc) as "rank"
              from "repair" r where r.vehicle_id = any(?)) ranked where "rank" <= 10 order by "started_at" desc, "id" desc`,
      params: [["sc-1001"]],
    },
    {
      what: "card: the performing repair (loader)",
      sql: `select * from "repair" where "vehicle_id" = any(?) and "status" = 'PERFORMING'`,
      params: [["sc-1001"]],
    },
    {
      what: "card: the last completed repair (loader)",
      sql: `select distinct on (r.vehicle_id) r.* from "repair" r where r.vehicle_id = any(?) and r.status = 'COMPLETED' order by r.vehicle_id, r.started_at desc, r.id desc`,
      params: [["sc-1001"]],
    },
    {
      what: "jobs of ten repairs (loader)",
      sql: `select * from "repair_job" where "repair_id" = any(?) order by "started_at", "id"`,
      params: [Array.from({ length: 10 }, (_, i) => `vol-${i + 1}`)],
    },
    { what: "handovers: newest 20", sql: `select * from "handover" order by "started_at" desc, "id" desc limit 20`, params: [] },
    {
      what: "handovers at one cabinet",
      sql: `select * from "handover" where "cabinet_id" = ? order by "started_at" desc, "id" desc limit 20`,
      params: ["bcab-7"],
    },
    {
      what: "scans of a handover (loader, for progress)",
      sql: `select * from "handover_scan" where "handover_id" = any(?) order by "id"`,
      params: [[openHandoverId]],
    },
    {
      what: "scan: the open handover, its progress and the earlier scans of the accumulator",
      sql: OPEN_HANDOVER_SQL,
      params: [foldId("acc-vol-1"), openHandoverId],
    },
    {
      what: "scan: the outbox's claim of the head of the handover's queue (as a select)",
      sql: `select p."id" from "handover_scan" p where p."handover_id" = ? and p."delivery" = 'PENDING' order by p."id" limit 1`,
      params: [openHandoverId],
    },
  ];
  const out: string[] = [];
  for (const s of statements) {
    const rows = await db.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers, costs off) ${s.sql}`, s.params);
    out.push(`### ${s.what}\n\n\`\`\`\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}\n\`\`\`\n`);
  }
  return out;
}

async function main() {
  const emulators = new Emulators();
  const upstreams = await emulators.start();
  emulators.scooterAccumulator.acceptEveryScanAt.add("cab-1");
  try {
    const empty = await measure("empty", false, upstreams);
    const full = await measure("seeded", true, upstreams);
    const table = [
      `| operation | empty: p50 ms | empty: p99 ms | seeded: p50 ms | seeded: p99 ms |`,
      `| --- | --- | --- | --- | --- |`,
      ...empty.rows.map((r, i) => `| ${r.name} | ${r.p50} | ${r.p99} | ${full.rows[i].p50} | ${full.rows[i].p99} |`),
    ];
    console.log(table.join("\n"));
    const machine = `${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}`;
    writeFileSync(
      join(repoRoot(), "bench", "VOLUME.md"),
      `# The gateway on an empty and on a full database (last run)\n\n` +
        `Written by \`npm run bench:volume${QUICK ? " -- --quick" : ""}\` on ${new Date().toISOString()}; ${machine}; PostgreSQL at ${new URL(PG_SERVER).host}.\n` +
        `Production gateway, one request after another, ${SAMPLES} of each after 10 to warm up. Empty: ${empty.counts.repairs} repairs, ${empty.counts.jobs} jobs, ${empty.counts.scans} scans; ` +
        `seeded: ${full.counts.repairs} repairs, ${full.counts.jobs} jobs, ${full.counts.scans} scans. In both, vehicle sc-1001 has the same 30 repairs and the keeper one open handover.\n\n` +
        `${table.join("\n")}\n\n## Query plans on the seeded database\n\n${full.plans.join("\n")}`,
    );
  } finally {
    await emulators.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
