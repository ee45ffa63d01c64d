import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { eventually, gqlAt, Stack, type As } from "./support/stack";

const KEEPER: As = { telegram: { id: 6001, username: "keeper_vera" } };
const SECOND_KEEPER: As = { telegram: { id: 6002, username: "keeper_gleb" } };

const BOOKING = `mutation($c: ID!, $k: ID!, $kind: HandoverKind! = GIVE) { bookingInfo(cabinetId: $c, contractorId: $k, kind: $kind) { handover { id } } }`;
const TAKEN = `mutation($id: ID!) { accumulatorTaken(accumulatorId: $id) { scan { accumulatorId delivery message } duplicate done expected } }`;
const RETURNED = `mutation($id: ID!) { accumulatorReturned(accumulatorId: $id) { scan { accumulatorId delivery message } done } }`;
const FINISH = `mutation { finishHandover { id } }`;
const HANDOVERS = `{ handovers(first: 50) { id cabinetId scans { accumulatorId delivery deliveredAt message attempts } } }`;

/** accumulator ids of the calls scooter-accumulator answered 200, per operation */
function accepted(stack: Stack, operationId: "accumulatorTaken" | "accumulatorReturned") {
  return stack.emulators.scooterAccumulator
    .calls(operationId)
    .filter((c) => c.status === 200)
    .map((c) => (c.body as { accumulator_id: string }).accumulator_id);
}

async function allDelivered(stack: Stack, as: As = KEEPER) {
  const { handovers } = await stack.ok(HANDOVERS, {}, as);
  const scans = handovers.flatMap((h: any) => h.scans);
  return scans.length > 0 && scans.every((s: any) => s.delivery === "DELIVERED") ? handovers : null;
}

describe("nothing is lost when scooter-accumulator is down", () => {
  const stack = new Stack();
  before(() => stack.start());
  after(() => stack.stop());
  beforeEach(async () => {
    await stack.reset();
    await stack.operator("keeper_vera", ["ACCUMULATOR_KEEPER"]);
    await stack.operator("keeper_gleb", ["ACCUMULATOR_KEEPER"]);
  });

  it("refused connections: scans are PENDING, then delivered by the gateway itself, in scan order, once each", async () => {
    const sa = stack.emulators.scooterAccumulator;
    await stack.ok(BOOKING, { c: "cab-1", k: "ctr-1" }, KEEPER);
    await sa.setFault({ refuse: true });
    for (const [i, id] of ["acc-1003", "acc-1001", "acc-1002"].entries()) {
      const r: any = (await stack.ok(TAKEN, { id }, KEEPER)).accumulatorTaken;
      assert.equal(r.scan.delivery, "PENDING");
      // the first is tried and fails; the next ones queue behind it without waiting on a dead service
      assert.match(r.scan.message, i === 0 ? /has not received it yet \(connection refused\)/ : /waits behind earlier scans/);
      assert.equal(r.duplicate, false);
    }
    // a duplicate while pending is still answered from the journal
    const dup = (await stack.ok(TAKEN, { id: "acc-1001" }, KEEPER)).accumulatorTaken;
    assert.deepEqual([dup.duplicate, dup.scan.delivery], [true, "PENDING"]);
    // progress counts what is recorded, delivered or not yet
    assert.deepEqual([dup.done, dup.expected], [3, 3]);
    await stack.ok(FINISH, {}, KEEPER); // finishing does not drop pending scans

    await new Promise((resolve) => setTimeout(resolve, 300)); // the outbox keeps trying while it is down
    await sa.clearFault();
    const handovers = await eventually(() => allDelivered(stack), 5000, "pending scans delivered");
    assert.deepEqual(accepted(stack, "accumulatorTaken"), ["acc-1003", "acc-1001", "acc-1002"]);
    const scans = handovers[0].scans;
    assert.ok(scans.every((s: any) => s.deliveredAt && s.message === null && s.attempts >= 1));
    assert.ok(scans[0].attempts >= 2, "the head of the queue was retried while the service was down");
    assert.equal(sa.validateBookedTaken("cab-1", "ctr-1"), true);
  });

  it("5xx answers: retried later; a new scan waits behind older pending ones", async () => {
    const sa = stack.emulators.scooterAccumulator;
    await stack.ok(BOOKING, { c: "cab-1", k: "ctr-1" }, KEEPER);
    await sa.setFault({ status: 500 });
    assert.equal((await stack.ok(TAKEN, { id: "acc-1001" }, KEEPER)).accumulatorTaken.scan.delivery, "PENDING");
    assert.equal((await stack.ok(TAKEN, { id: "acc-1002" }, KEEPER)).accumulatorTaken.scan.delivery, "PENDING");
    await sa.clearFault();
    // recorded after the recovery, before the poller came round: it goes out after the older ones
    await stack.ok(TAKEN, { id: "acc-1003" }, KEEPER);
    await eventually(() => allDelivered(stack), 5000, "delivery after 5xx");
    assert.deepEqual(accepted(stack, "accumulatorTaken"), ["acc-1001", "acc-1002", "acc-1003"]);
    assert.ok(sa.calls("accumulatorTaken").some((c) => c.status === 500));
  });

  it("a slow scooter-accumulator: the scan is PENDING after the timeout and settles once it answers", async () => {
    const sa = stack.emulators.scooterAccumulator;
    await stack.ok(BOOKING, { c: "cab-1", k: "ctr-1" }, KEEPER);
    await sa.setFault({ delayMs: 600 }); // longer than UPSTREAM_TIMEOUT_MS=400
    const r = (await stack.ok(TAKEN, { id: "acc-1001" }, KEEPER)).accumulatorTaken;
    assert.equal(r.scan.delivery, "PENDING");
    assert.match(r.scan.message, /no answer within 400 ms/);
    await sa.clearFault();
    await eventually(() => allDelivered(stack), 5000, "delivery after slowness");
    // the slow attempt was recorded upstream too; upstream is idempotent, so the state is right
    assert.equal(sa.accumulator("acc-1001")!.holder, "ctr-1");
    assert.ok(accepted(stack, "accumulatorTaken").every((id) => id === "acc-1001"));
  });

  it("pending scans survive a gateway restart and are delivered by the new process", async () => {
    const sa = stack.emulators.scooterAccumulator;
    await stack.ok(BOOKING, { c: "cab-1", k: "ctr-1", kind: "GET" }, KEEPER);
    await sa.setFault({ refuse: true });
    for (const id of ["acc-9001", "acc-9002"]) {
      assert.equal((await stack.ok(RETURNED, { id }, KEEPER)).accumulatorReturned.scan.delivery, "PENDING");
    }
    await stack.stopGateway();
    await sa.clearFault();
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(accepted(stack, "accumulatorReturned").length, 0, "nobody delivers while the gateway is down");
    await stack.startGateway();
    await eventually(() => allDelivered(stack), 5000, "delivery after restart");
    assert.deepEqual(accepted(stack, "accumulatorReturned"), ["acc-9001", "acc-9002"]);
    assert.equal(sa.accumulator("acc-9002")!.cabinetId, "cab-1");
  });

  it("two gateway processes on one database deliver every pending scan exactly once, in order", async () => {
    const sa = stack.emulators.scooterAccumulator;
    const second = await stack.startGateway();
    try {
      await stack.ok(BOOKING, { c: "cab-1", k: "ctr-1" }, KEEPER);
      const booked = await gqlAt(second.url, BOOKING, { c: "cab-2", k: "ctr-2" }, SECOND_KEEPER);
      assert.equal(booked.errors, undefined);
      await sa.setFault({ refuse: true });
      // scans arrive through both processes
      await stack.ok(TAKEN, { id: "acc-1001" }, KEEPER);
      await gqlAt(second.url, TAKEN, { id: "acc-2001" }, SECOND_KEEPER);
      await gqlAt(second.url, TAKEN, { id: "acc-1002" }, KEEPER);
      await stack.ok(TAKEN, { id: "acc-2002" }, SECOND_KEEPER);
      await stack.ok(TAKEN, { id: "acc-1003" }, KEEPER);
      await sa.clearFault();
      await eventually(async () => (await allDelivered(stack, KEEPER)) && (await allDelivered(stack, SECOND_KEEPER)), 5000, "both handovers delivered");
      await new Promise((resolve) => setTimeout(resolve, 300)); // give a double delivery the chance to show
      const taken = accepted(stack, "accumulatorTaken");
      assert.equal(taken.length, 5, `exactly once each: ${taken.join(", ")}`);
      assert.deepEqual(
        taken.filter((id) => id.startsWith("acc-1")),
        ["acc-1001", "acc-1002", "acc-1003"],
      );
      assert.deepEqual(
        taken.filter((id) => id.startsWith("acc-2")),
        ["acc-2001", "acc-2002"],
      );
    } finally {
      await stack.stopGateway(second);
    }
  });

  it("a scan refused after a retry is REJECTED with upstream's message, and the ones behind it go on", async () => {
    const sa = stack.emulators.scooterAccumulator;
    await stack.ok(BOOKING, { c: "cab-1", k: "ctr-1" }, KEEPER);
    await sa.setFault({ refuse: true });
    await stack.ok(TAKEN, { id: "acc-1006" }, KEEPER); // not booked: upstream will say 409
    await stack.ok(TAKEN, { id: "acc-1001" }, KEEPER);
    await sa.clearFault();
    const handovers = await eventually(async () => {
      const { handovers } = await stack.ok(HANDOVERS, {}, KEEPER);
      return handovers[0].scans.every((s: any) => s.delivery !== "PENDING") ? handovers : null;
    });
    assert.deepEqual(
      handovers[0].scans.map((s: any) => [s.accumulatorId, s.delivery]),
      [
        ["acc-1006", "REJECTED"],
        ["acc-1001", "DELIVERED"],
      ],
    );
    assert.match(handovers[0].scans[0].message, /not booked/);
  });
});
