/**
 * npm run bench [-- --quick]: the production gateway under load, side by side with a plain
 * baseline doing the same work, in one run on this machine.
 *
 * autocannon drives each target with 20 connections (20 keepers, each scanning in their own open
 * handover): the gateway's accumulatorTaken, the hand-written node:http + pg baseline for the same
 * work (bench/baseline.ts), the vehicle card `scooter` (also side by side with the baseline doing
 * its work), and `scooters` with 50 ids. Both servers
 * are child processes started from dist/ (NODE_ENV=production) on a fresh database of the
 * machine's PostgreSQL, against the upstream emulators; CPU per request is read from
 * /proc/<pid>/stat, peak RSS from /proc/<pid>/status. Then a handover of 1 000 scans shows that a
 * scan costs the same at the end as at the start. Results and the machine go to bench/RESULTS.md.
 * The baseline and gateway runs of the scan and of the card take turns, three rounds (two with --quick), and the ratio
 * is the median of the rounds'. Numbers here are noisy: compare the ratios of one run, not times
 * across runs.
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { dropDatabase, ensureDatabase } from "../gateway/db/databases";
import { Emulators } from "../emulators";
import { repoRoot } from "../emulators/paths";
import { gql, JWT_SECRET, sign, start, startGateway, stop, type Proc } from "./processes";

const QUICK = process.argv.includes("--quick");
/** --only=<text>: run only the targets whose name has it (profiling one path) */
const ONLY = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length) ?? null;
const DURATION_S = QUICK ? 5 : 10;
const ROUNDS = QUICK ? 2 : 3;
const CONNECTIONS = 20;
const PG_SERVER = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432";

interface Result {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  cpuMsPerRequest: number;
  peakRssMb: number;
  upstreamPerRequest?: number;
}

/** One autocannon run against `proc`; `body(connection, n)` is the JSON of each request. */
async function load(
  name: string,
  proc: Proc,
  tokens: string[],
  body: (connection: number, n: number) => string,
  check: (json: any) => boolean,
): Promise<Result> {
  if (ONLY && !name.includes(ONLY)) return { name, requests: 0, rps: 0, p50: 0, p99: 0, max: 0, errors: 0, cpuMsPerRequest: 0, peakRssMb: 0 };
  // autocannon resets a connection's context before each request: the counter is the bench's own.
  // Each request takes an operator nobody else is using at the moment (one keeper scans one
  // accumulator after another, as people do), and gives it back with its answer.
  let sequence = 0;
  const idle = tokens.map((_, who) => who);
  let failures = 0;
  let firstFailure = null as string | null; // set in autocannon's callback, which narrowing does not see
  let peak = proc.rssMb();
  const sampler = setInterval(() => (peak = Math.max(peak, proc.rssMb())), 100);
  const cpuBefore = proc.cpuMs();
  const result = await autocannon({
    url: `${proc.url}/graphql`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: "POST",
        setupRequest: (request: any, context: { who?: number }) => {
          const n = sequence++;
          const who = idle.shift() ?? n % tokens.length;
          context.who = who;
          return {
            ...request,
            headers: { "content-type": "application/json", authorization: `Bearer ${tokens[who]}` },
            body: body(who, n),
          };
        },
        onResponse: (_status: number, responseBody: string, context: { who?: number }) => {
          if (context.who !== undefined) idle.push(context.who);
          let ok: boolean;
          try {
            ok = check(JSON.parse(responseBody));
          } catch {
            ok = false;
          }
          if (!ok) {
            failures++;
            firstFailure ??= String(responseBody).slice(0, 300);
          }
        },
      },
    ],
  });
  clearInterval(sampler);
  const cpu = proc.cpuMs() - cpuBefore;
  if (firstFailure) console.error(`${name}: ${failures} answers were not what was expected; the first: ${firstFailure}`);
  return {
    name,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.non2xx + failures,
    cpuMsPerRequest: +(cpu / Math.max(1, result.requests.total)).toFixed(2),
    peakRssMb: Math.round(peak),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : +((sorted[mid - 1] + sorted[mid]) / 2).toFixed(2);
}

/** One row for several runs of a target: the median of each number, the highest peak RSS, every error. */
function medianOf(runs: Result[]): Result {
  const of = (key: "rps" | "p50" | "p99" | "cpuMsPerRequest") => median(runs.map((r) => r[key]));
  return {
    name: runs[0].name,
    requests: runs.reduce((sum, r) => sum + r.requests, 0),
    rps: Math.round(of("rps")),
    p50: of("p50"),
    p99: of("p99"),
    max: Math.max(...runs.map((r) => r.max)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    cpuMsPerRequest: of("cpuMsPerRequest"),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
  };
}

/** Sequential scans of one keeper, milliseconds each: the cost of a scan as its handover grows. */
async function sequentialScans(url: string, token: string, prefix: string, count: number) {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await gql(url, token, `mutation($id: ID!) { accumulatorTaken(accumulatorId: $id) { done } }`, { id: `${prefix}-${i}` });
    times.push(performance.now() - started);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: +sorted[Math.floor(sorted.length / 2)].toFixed(1), p99: +sorted[Math.floor(sorted.length * 0.99)].toFixed(1) };
}

async function main() {
  const databaseUrl = `${PG_SERVER}/scooter_ops_bench_${randomBytes(3).toString("hex")}`;
  await ensureDatabase(databaseUrl);
  const emulators = new Emulators();
  const upstreams = await emulators.start();
  // every accumulator is accepted at the bench's cabinet, as a cabinet that knows them all would
  emulators.scooterAccumulator.acceptEveryScanAt.add("cab-1");
  const keepers = Array.from({ length: CONNECTIONS }, (_, i) => `bench_keeper_${i}`);
  const baselineKeepers = Array.from({ length: CONNECTIONS }, (_, i) => `base_keeper_${i}`);
  const gateway = await startGateway(databaseUrl, upstreams);
  const admin = sign("bench_admin");
  for (const login of [...keepers, ...baselineKeepers]) {
    await gql(gateway.url, admin, `mutation($i: OperatorInput!) { upsertOperator(input: $i) { login } }`, { i: { login, roles: ["ACCUMULATOR_KEEPER"] } });
    await gql(gateway.url, sign(login), `mutation { bookingInfo(cabinetId: "cab-1", contractorId: "ctr-1", kind: GIVE) { handover { id } } }`);
  }
  const baseline = await start(
    "bench/baseline.js",
    { DATABASE_URL: databaseUrl, SCOOTER_ACCUMULATOR_URL: upstreams.SCOOTER_ACCUMULATOR_URL, DRIVE_URL: upstreams.DRIVE_URL, JWT_SECRET, PORT: "0" },
    (line) => (line.startsWith("{") ? `http://127.0.0.1:${JSON.parse(line).port}` : null),
  );

  const scanBody = (prefix: string) => (c: number, n: number) =>
    JSON.stringify({
      query: `mutation($accumulatorId: ID!) { accumulatorTaken(accumulatorId: $accumulatorId) { scan { delivery } done expected } }`,
      variables: { accumulatorId: `${prefix}-${c}-${n}` },
    });
  const delivered = (json: any) => json?.data?.accumulatorTaken?.scan?.delivery === "DELIVERED";
  const results: Result[] = [];
  // Baseline and gateway in turns, ROUNDS times: this machine's speed drifts by half within minutes,
  // so each round's ratio compares two runs next to each other, and the medians are reported.
  const inTurns = async (
    target: string,
    base: { tokens: string[]; body: (round: number) => (c: number, n: number) => string },
    gw: { tokens: string[]; body: (round: number) => (c: number, n: number) => string },
    check: (json: any) => boolean,
  ): Promise<number[]> => {
    const rounds: { baseline: Result; gateway: Result }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const b = await load(`baseline, ${target}`, baseline, base.tokens, base.body(round), check);
      const g = await load(`gateway, ${target}`, gateway, gw.tokens, gw.body(round), check);
      rounds.push({ baseline: b, gateway: g });
    }
    results.push(medianOf(rounds.map((r) => r.baseline)), medianOf(rounds.map((r) => r.gateway)));
    return rounds.map((r) => (r.baseline.rps ? +(r.gateway.rps / r.baseline.rps).toFixed(2) : 0));
  };
  const roundRatios = await inTurns(
    "accumulatorTaken",
    { tokens: baselineKeepers.map(sign), body: (round) => scanBody(`acc-base-r${round}`) },
    { tokens: keepers.map(sign), body: (round) => scanBody(`acc-gw-r${round}`) },
    delivered,
  );

  // The card, also in turns with the baseline doing its work (bench/baseline.ts), by the same 20 keepers.
  const card = `query($id: ID!) { scooter(vehicleId: $id) { vehicleId mileageKm brokenComment activeRepair { id } lastRepair { id } repairs { id status jobs { type { title } } } } }`;
  const cardBody = () => (_c: number, n: number) => JSON.stringify({ query: card, variables: { id: `sc-${1001 + (n % 12)}` } });
  const cardTurns = { tokens: keepers.map(sign), body: cardBody };
  const cardRatios = await inTurns("scooter card", cardTurns, cardTurns, (json) => Boolean(json?.data?.scooter?.vehicleId));
  // 50 vehicles Drive knows: its demo ones and copies of the first under new ids
  const template = emulators.drive.cars[0];
  for (let i = emulators.drive.cars.length; i < 50; i++) emulators.drive.cars.push({ ...template, car_id: `sc-${3000 + i}` });
  const fifty = emulators.drive.cars.slice(0, 50).map((c) => c.car_id);
  const cards = `query($ids: [ID!]!) { scooters(vehicleIds: $ids) { vehicleId mileageKm repairs { id } } }`;
  const driveBefore = emulators.drive.calls("carDetails").length;
  const many = await load(
    "gateway, scooters (50 ids)",
    gateway,
    [admin],
    () => JSON.stringify({ query: cards, variables: { ids: fifty } }),
    (json) => json?.data?.scooters?.length === 50,
  );
  many.upstreamPerRequest = +((emulators.drive.calls("carDetails").length - driveBefore) / Math.max(1, many.requests)).toFixed(2);
  results.push(many);

  // a long handover: the cost of the 1 001st scan against the first ones
  const long = sign(keepers[0]);
  await gql(gateway.url, long, `mutation { bookingInfo(cabinetId: "cab-1", contractorId: "ctr-1", kind: GIVE) { handover { id } } }`);
  const first = await sequentialScans(gateway.url, long, "acc-long-a", 100);
  for (let i = 0; i < 800; i++) await gql(gateway.url, long, `mutation($id: ID!) { accumulatorTaken(accumulatorId: $id) { done } }`, { id: `acc-long-b-${i}` });
  const last = await sequentialScans(gateway.url, long, "acc-long-c", 100);

  await stop(gateway);
  await stop(baseline);
  await emulators.stop();
  await dropDatabase(databaseUrl);

  const ratio = median(roundRatios);
  const cardRatio = median(cardRatios);
  const rows = results.map((r) => ({
    ...r,
    ratio: r.name.startsWith("baseline") ? 1 : r.name.includes("accumulatorTaken") ? ratio : r.name.includes("scooter card") ? cardRatio : undefined,
  }));
  console.table(
    rows.map(({ name, rps, p50, p99, max, errors, cpuMsPerRequest, peakRssMb, ratio, upstreamPerRequest }) => ({
      name,
      rps,
      p50,
      p99,
      max,
      errors,
      cpuMsPerRequest,
      peakRssMb,
      ratio,
      upstreamPerRequest,
    })),
  );
  console.log(`accumulatorTaken, gateway / baseline throughput per round: ${roundRatios.join(", ")} (median ${ratio})`);
  console.log(`scooter card, gateway / baseline throughput per round: ${cardRatios.join(", ")} (median ${cardRatio})`);
  console.log(`scans 1-100 of a handover: p50 ${first.p50} ms, p99 ${first.p99} ms; scans 901-1000: p50 ${last.p50} ms, p99 ${last.p99} ms`);

  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}`;
  const table = [
    "| target | requests/s | p50 ms | p99 ms | max ms | errors | CPU ms per request | peak RSS MB | throughput / baseline | Drive requests per query |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.max} | ${r.errors} | ${r.cpuMsPerRequest} | ${r.peakRssMb} | ${r.ratio ?? ""} | ${r.upstreamPerRequest ?? ""} |`,
    ),
  ];
  writeFileSync(
    join(repoRoot(), "bench", "RESULTS.md"),
    `# Benchmark results (last run)\n\nWritten by \`npm run bench${QUICK ? " -- --quick" : ""}\` on ${new Date().toISOString()}; ${machine}; PostgreSQL at ${new URL(PG_SERVER).host}.\n` +
      `autocannon, ${CONNECTIONS} connections, ${DURATION_S} s per target; both servers from dist/ with NODE_ENV=production; the upstream emulators in the bench process.\n` +
      `The scan and the card: baseline and gateway in turns, ${ROUNDS} rounds each; their rows are the medians of the rounds (peak RSS the highest), the ratio the median of the rounds' ratios (scan ${roundRatios.join(", ")}; card ${cardRatios.join(", ")}).\n\n` +
      `${table.join("\n")}\n\nA handover of 1 000 scans, one keeper scanning in sequence: scans 1-100 p50 ${first.p50} ms, p99 ${first.p99} ms; scans 901-1000 p50 ${last.p50} ms, p99 ${last.p99} ms.\n\n` +
      `Noisy machine: compare the ratios within one run, not absolute numbers across runs.\n`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
