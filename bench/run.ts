/**
 * npm run bench: what a keeper and a mechanic wait for, measured through GraphQL over HTTP
 * against the real gateway, PostgreSQL and the emulators (the same stack as the tests).
 *   - a scan (accumulatorTaken) answered DELIVERED, sequential, as a keeper scans
 *   - a scan while scooter-accumulator refuses connections (answered PENDING)
 *   - bookingInfo
 *   - scooters(50 / 200 vehicles) with history, Drive batched by 50
 * Prints percentiles in milliseconds.
 */
import { performance } from "node:perf_hooks";
import { Stack, type As } from "../test/support/stack";

const KEEPER: As = { telegram: { id: 1, username: "bench_keeper" } };
const MECH: As = { jwt: "bench_mech" };

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { n: samples.length, p50: +at(50).toFixed(1), p95: +at(95).toFixed(1), p99: +at(99).toFixed(1), max: +sorted[sorted.length - 1].toFixed(1) };
}

async function timed(times: number, run: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await run(i);
    samples.push(performance.now() - start);
  }
  return percentiles(samples);
}

async function main() {
  const stack = await new Stack().start({ LOG_LEVEL: "silent", OUTBOX_POLL_MS: "1000", OUTBOX_RETRY_MAX_MS: "30000" });
  try {
    await stack.operator("bench_keeper", ["ACCUMULATOR_KEEPER"]);
    await stack.operator("bench_mech", ["REPAIRER"], "wh-1");
    const sa = stack.emulators.scooterAccumulator;
    // one big booking so every scan is a real, accepted taken
    const accumulators = Array.from({ length: 400 }, (_, i) => `acc-b${i}`);
    sa.data.cabinets.push("cab-b");
    for (const id of accumulators) sa.data.accumulators.push({ id, chargePercent: 100, cabinetId: "cab-b", cellId: `cell-${id}`, holder: null });
    sa.data.bookings.push({ cabinetId: "cab-b", contractorId: "ctr-b", accumulators, cellsForReturn: [] });

    const results: Record<string, unknown> = {};
    results.bookingInfo = await timed(50, () =>
      stack.ok(`mutation { bookingInfo(cabinetId: "cab-b", contractorId: "ctr-b") { cellsForReturn } }`, {}, KEEPER),
    );
    results.scanDelivered = await timed(200, (i) =>
      stack.ok(`mutation($id: ID!) { accumulatorTaken(accumulatorId: $id) { scan { delivery } done } }`, { id: accumulators[i] }, KEEPER),
    );
    results.scanDuplicate = await timed(200, (i) =>
      stack.ok(`mutation($id: ID!) { accumulatorTaken(accumulatorId: $id) { duplicate } }`, { id: accumulators[i] }, KEEPER),
    );
    await sa.setFault({ refuse: true });
    results.scanPendingUpstreamDown = await timed(100, (i) =>
      stack.ok(`mutation($id: ID!) { accumulatorTaken(accumulatorId: $id) { scan { delivery } } }`, { id: accumulators[200 + i] }, KEEPER),
    );
    await sa.clearFault();
    const drainStart = performance.now();
    for (;;) {
      const [{ n }] = await stack.gateway.orm.em.fork().execute(`select count(*)::int as n from handover_scan where delivery = 'PENDING'`);
      if (n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    results.outboxDrain100PendingMs = +(performance.now() - drainStart).toFixed(0);

    const cars = stack.emulators.drive.cars;
    for (let i = cars.length; i < 200; i++) cars.push({ ...cars[i % 12], car_id: `sc-${1001 + i}` });
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `sc-${1001 + i}`);
    const cards = `query($ids: [ID!]!) { scooters(vehicleIds: $ids) { vehicleId mileageKm brokenComment lastRepair { id } repairs { performer { login } jobs { type { title } } } } }`;
    results.cards50 = await timed(30, () => stack.ok(cards, { ids: ids(50) }, MECH));
    results.cards200 = await timed(30, () => stack.ok(cards, { ids: ids(200) }, MECH));
    console.log(JSON.stringify(results, null, 2));
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
