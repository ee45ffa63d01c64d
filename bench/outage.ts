/**
 * npm run bench:outage: scooter-accumulator refuses connections for OUTAGE_S seconds (default 60)
 * while a keeper scans one accumulator every 2 s, with the production outbox settings (poll 1 s,
 * retry pauses up to 30 s). Then it comes back. Reports how many scans were recorded, how long
 * the last one took to be delivered, and whether scooter-accumulator got each exactly once.
 */
import { performance } from "node:perf_hooks";
import { Stack, type As } from "../test/support/stack";

const KEEPER: As = { telegram: { id: 1, username: "outage_keeper" } };
const OUTAGE_S = Number(process.env.OUTAGE_S ?? 60);

async function main() {
  const stack = await new Stack().start({ LOG_LEVEL: "silent", OUTBOX_POLL_MS: "1000", OUTBOX_RETRY_MAX_MS: "30000", UPSTREAM_TIMEOUT_MS: "3000" });
  try {
    await stack.operator("outage_keeper", ["ACCUMULATOR_KEEPER"]);
    const sa = stack.emulators.scooterAccumulator;
    const ids = Array.from({ length: Math.ceil(OUTAGE_S / 2) + 2 }, (_, i) => `acc-o${i}`);
    sa.data.cabinets.push("cab-o");
    for (const id of ids) sa.data.accumulators.push({ id, chargePercent: 100, cabinetId: "cab-o", cellId: `cell-${id}`, holder: null });
    sa.data.bookings.push({ cabinetId: "cab-o", contractorId: "ctr-o", accumulators: ids, cellsForReturn: [] });
    await stack.ok(`mutation { bookingInfo(cabinetId: "cab-o", contractorId: "ctr-o") { cellsForReturn } }`, {}, KEEPER);

    await sa.setFault({ refuse: true });
    const outageStart = performance.now();
    const answers: string[] = [];
    let i = 0;
    while (performance.now() - outageStart < OUTAGE_S * 1000) {
      const r = await stack.ok(`mutation($id: ID!) { accumulatorTaken(accumulatorId: $id) { scan { delivery } } }`, { id: ids[i++] }, KEEPER);
      answers.push(r.accumulatorTaken.scan.delivery);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    await sa.clearFault();
    const back = performance.now();
    for (;;) {
      const [{ n }] = await stack.gateway.orm.em.fork().execute(`select count(*)::int as n from handover_scan where delivery = 'PENDING'`);
      if (n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const accepted = sa
      .calls("accumulatorTaken")
      .filter((c) => c.status === 200)
      .map((c) => (c.body as any).accumulator_id);
    console.log(
      JSON.stringify(
        {
          outageSeconds: OUTAGE_S,
          scansRecorded: answers.length,
          answeredPending: answers.filter((a) => a === "PENDING").length,
          deliveredSecondsAfterRecovery: +((performance.now() - back) / 1000).toFixed(1),
          acceptedByUpstream: accepted.length,
          exactlyOnceInOrder: JSON.stringify(accepted) === JSON.stringify(ids.slice(0, answers.length)),
          validateBookedTakenForScanned: accepted.every((id) => sa.accumulator(id)?.holder === "ctr-o"),
        },
        null,
        2,
      ),
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
