/**
 * npm run bench:analytics: repair analytics on 100 000 repairs and 400 000 jobs (bench/seed.ts),
 * through GraphQL over HTTP against the real gateway as a MANAGER, sequentially. Measures p50/p99
 * of every statistics query and of a page of `repairs`, for the dashboard's default period (30
 * days), the "year" preset (365 days: every row) and one warehouse; then writes the numbers and
 * the EXPLAIN (ANALYZE, BUFFERS) plans of the same SQL to bench/ANALYTICS.md.
 *   BENCH_RUNS (default 60) samples per query, after 5 warm-up calls.
 */
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { checkFilter, keysQuery, repairsCountQuery, repairsPageQuery, statsQuery, summaryQuery, type Query } from "../gateway/analytics/analytics.service";
import { RepairGrouping, type RepairFilter } from "../gateway/analytics/analytics.types";
import { repoRoot } from "../emulators/paths";
import { signJwt, Stack, type As } from "../test/support/stack";
import { analyze, DEFAULT_REPAIR_SEED, seedOperators, seedRepairs } from "./seed";

const MANAGER: As = { jwt: "bench_manager" };
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const TIME_ZONE = "Europe/Moscow";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timedRuns(run: () => Promise<unknown>, runs = RUNS) {
  for (let i = 0; i < 5; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples[samples.length - 1] };
}

const STATS = `query($filter: RepairFilter, $g: RepairGrouping!) { repairStats(filter: $filter, groupBy: $g) {
  key title repairs performing completed failed cancelled failureShare repairTime { count totalSeconds averageSeconds medianSeconds p90Seconds }
  jobs jobTime { count averageSeconds medianSeconds p90Seconds } daysInRepair kmBetweenRepairs } }`;
const SUMMARY = `query($filter: RepairFilter) { fleetSummary(filter: $filter) { repairs repairsFinished medianRepairSeconds vehiclesInRepairNow
  mostFrequentJobType { code title } slowestJobType { code title } } }`;
const PAGE = `query($filter: RepairFilter, $after: String) { repairs(filter: $filter, first: 50, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id vehicleId status startedAt durationSeconds performer { login }
  jobs { type { title } variantTitle status durationSeconds } } } } }`;

async function main() {
  const stack = await new Stack().start({ LOG_LEVEL: "silent", OUTBOX_POLL_MS: "1000", OUTBOX_RETRY_MAX_MS: "30000", TIME_ZONE });
  try {
    const em = stack.gateway.orm.em.fork();
    const seedStart = performance.now();
    await seedOperators(em, DEFAULT_REPAIR_SEED.mechanics);
    await seedRepairs(em, DEFAULT_REPAIR_SEED);
    await analyze(em);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const [{ repairs, jobs }] = await em.execute(`select (select count(*) from repair)::int as repairs, (select count(*) from repair_job)::int as jobs`);
    console.log(`seeded ${repairs} repairs, ${jobs} jobs in ${seedSeconds.toFixed(1)} s`);

    const now = Date.now();
    const day = 86400_000;
    const periods: [string, RepairFilter][] = [
      ["30 days", { from: new Date(now - 30 * day), to: new Date(now) }],
      ["365 days (every row)", { from: new Date(now - 365 * day), to: new Date(now) }],
      ["30 days, one warehouse", { from: new Date(now - 30 * day), to: new Date(now), placeIds: ["wh-1"] }],
    ];
    const rows: { what: string; period: string; p50: number; p99: number; max: number; query?: Query }[] = [];
    for (const [period, filter] of periods) {
      const f = checkFilter(filter);
      // every row of the table: slow enough that fewer samples say as much
      const runs = period.startsWith("365") ? Math.min(RUNS, 20) : RUNS;
      const timed = (run: () => Promise<unknown>) => timedRuns(run, runs);
      const variables = { filter: { ...filter, from: filter.from!.toISOString(), to: filter.to!.toISOString() } };
      rows.push({ what: "fleetSummary", period, ...(await timed(() => stack.ok(SUMMARY, variables, MANAGER))), query: summaryQuery(f) });
      for (const g of Object.values(RepairGrouping)) {
        const result = await timed(() => stack.ok(STATS, { ...variables, g }, MANAGER));
        rows.push({ what: `repairStats(${g})`, period, ...result, query: statsQuery(f, g, TIME_ZONE, "ru") });
      }
      const top = `query($filter: RepairFilter) { repairStats(filter: $filter, groupBy: VEHICLE, first: 10) { key repairs daysInRepair } }`;
      rows.push({ what: "repairStats(VEHICLE, first: 10), as the dashboard asks", period, ...(await timed(() => stack.ok(top, variables, MANAGER))) });
      const lists = `query($filter: RepairFilter) { places: repairStats(filter: $filter, groupBy: PLACE) { key title } mechanics: repairStats(filter: $filter, groupBy: PERFORMER) { key } }`;
      rows.push({
        what: "the dashboard's filter lists (PLACE and PERFORMER, keys and titles only)",
        period,
        ...(await timed(() => stack.ok(lists, variables, MANAGER))),
        query: keysQuery(f, RepairGrouping.PLACE, null),
      });
      rows.push({
        what: "repairs, first page of 50 (with jobs)",
        period,
        ...(await timed(() => stack.ok(PAGE, variables, MANAGER))),
        query: repairsPageQuery(f, 50, null),
      });
      const first = (await stack.ok(PAGE, variables, MANAGER)).repairs;
      const cursor = first.pageInfo.endCursor;
      rows.push({
        what: "repairs, next page (cursor)",
        period,
        ...(await timed(() => stack.ok(PAGE, { ...variables, after: cursor }, MANAGER))),
        query: repairsPageQuery(f, 50, cursor),
      });
      if (period === "30 days") rows.push({ what: "repairs totalCount (inside each page)", period, p50: NaN, p99: NaN, max: NaN, query: repairsCountQuery(f) });
      console.log(`measured ${period}`);
    }
    // The CSV export of 30 days and of the whole year, read as a client reads it (chunk by chunk),
    // with the resident memory of this process (gateway and all) sampled meanwhile.
    const exports: string[] = [];
    for (const [label, from] of [
      ["30 days", periods[0][1].from!],
      ["365 days", periods[1][1].from!],
    ] as const) {
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const started = performance.now();
      const response = await fetch(`${stack.url}/export/repairs.csv?from=${from.toISOString()}`, {
        headers: { authorization: `Bearer ${signJwt("bench_manager")}` },
      });
      let bytes = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
      clearInterval(sampler);
      exports.push(
        `${label}: ${(bytes / 1024 / 1024).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s, ` +
          `resident memory of the process ${Math.round(rssBefore / 1024 / 1024)} MB before, at most ${Math.round(peak / 1024 / 1024)} MB while streaming`,
      );
    }

    const plans: string[] = [];
    for (const row of rows) {
      if (
        !row.query ||
        !(
          row.period === "30 days" ||
          row.what.startsWith("repairStats(VEHICLE)") ||
          row.what.startsWith("the dashboard") ||
          row.what.startsWith("fleetSummary")
        )
      )
        continue;
      const explained = await em.execute<{ "QUERY PLAN": string }[]>(`explain (analyze, buffers) ${row.query.sql}`, row.query.params);
      plans.push(`### ${row.what}, ${row.period}\n\n\`\`\`\n${explained.map((r) => r["QUERY PLAN"]).join("\n")}\n\`\`\`\n`);
    }
    const [{ version }] = await em.execute(`select version()`);
    const ms = (n: number) => (Number.isNaN(n) ? "—" : n.toFixed(1));
    const table = rows
      .filter((r) => !Number.isNaN(r.p50))
      .map((r) => `| ${r.what} | ${r.period} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} |`)
      .join("\n");
    const worst = Math.max(...rows.filter((r) => !Number.isNaN(r.p99)).map((r) => r.p99));
    const doc = `# Repair analytics: benchmark

Written by \`npm run bench:analytics\` (bench/analytics.ts) on ${new Date().toISOString().slice(0, 10)}: ${repairs} repairs and ${jobs}
jobs (bench/seed.ts: 3000 vehicles, 40 mechanics, three warehouses, one year, 4 jobs per repair),
seeded in ${seedSeconds.toFixed(1)} s. The real gateway over HTTP (GraphQL, a MANAGER's JWT), PostgreSQL
(${String(version).split(",")[0]}) and the emulators on one machine (${cpus().length} cores), sequential
requests, ${RUNS} samples each (20 for the 365-day period) after 5 warm-up calls. Milliseconds, the whole HTTP round trip. Worst p99: ${worst.toFixed(1)} ms.

| query | period | p50 | p99 | max |
| --- | --- | --- | --- | --- |
${table}

CSV export (GET /export/repairs.csv, one row per job), read chunk by chunk:
${exports.map((e) => `- ${e}`).join("\n")}

## Plans (EXPLAIN (ANALYZE, BUFFERS) of the SQL the gateway runs)

${plans.join("\n")}`;
    writeFileSync(join(repoRoot(), "bench", "ANALYTICS.md"), doc);
    console.log(table);
    console.log(`worst p99 ${worst.toFixed(1)} ms; wrote bench/ANALYTICS.md`);
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
