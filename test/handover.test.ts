import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { codeOf, Stack, type As } from "./support/stack";

const KEEPER: As = { telegram: { id: 5001, username: "keeper_anna" } };

const BOOKING = `mutation($cabinetId: ID!, $contractorId: ID!, $kind: HandoverKind! = GIVE) {
  bookingInfo(cabinetId: $cabinetId, contractorId: $contractorId, kind: $kind) {
    cabinetId contractorId kind cellsForReturn
    accumulators { accumulatorId cellId done }
    session { state cabinetId contractorId operator { login } handover { id kind } }
    handover { id }
    replacedHandover { id finishedAt endedBy }
  }
}`;
const SCAN_FIELDS = `scan { accumulatorId at delivery expected message deliveredAt } duplicate done expected handover { id booked { accumulatorId done } }`;
const TAKEN = `mutation($id: ID!) { accumulatorTaken(accumulatorId: $id) { ${SCAN_FIELDS} } }`;
const RETURNED = `mutation($id: ID!) { accumulatorReturned(accumulatorId: $id) { ${SCAN_FIELDS} } }`;
const FINISH = `mutation { finishHandover { id kind finishedAt endedBy done expected scans { accumulatorId delivery expected } booked { accumulatorId done } } }`;
const ME = `{ me { state cabinetId contractorId handover { id } } }`;

describe("battery handover when a cabinet is offline", () => {
  const stack = new Stack();
  before(() => stack.start());
  after(() => stack.stop());
  beforeEach(async () => {
    await stack.reset();
    await stack.operator("keeper_anna", ["ACCUMULATOR_KEEPER"]);
  });

  it("GIVE: booking, every booked accumulator scanned, done; upstream receives exactly one taken per accumulator and validates", async () => {
    const sa = stack.emulators.scooterAccumulator;
    const opened = await stack.ok(BOOKING, { cabinetId: "cab-1", contractorId: "ctr-1" }, KEEPER);
    const info = opened.bookingInfo;
    assert.deepEqual(
      info.accumulators.map((a: any) => a.accumulatorId),
      ["acc-1001", "acc-1002", "acc-1003"],
    );
    assert.equal(info.accumulators[0].cellId, "cab-1-c1");
    assert.ok(info.accumulators.every((a: any) => a.done === false));
    assert.equal(info.session.state, "GIVE_ACCUMULATORS");
    assert.equal(info.session.cabinetId, "cab-1");
    assert.equal(info.session.contractorId, "ctr-1");
    assert.equal(info.session.operator.login, "keeper_anna");
    assert.equal(info.session.handover.id, info.handover.id);
    assert.equal(info.replacedHandover, null);
    assert.equal(sa.calls("bookingInfo").length, 1);

    for (const [i, id] of ["acc-1001", "acc-1002", "acc-1003"].entries()) {
      const r: any = (await stack.ok(TAKEN, { id }, KEEPER)).accumulatorTaken;
      assert.equal(r.scan.accumulatorId, id);
      assert.equal(r.scan.delivery, "DELIVERED");
      assert.equal(r.scan.expected, true);
      assert.equal(r.scan.message, null);
      assert.ok(r.scan.deliveredAt);
      assert.equal(r.duplicate, false);
      assert.equal(r.done, i + 1);
      assert.equal(r.expected, 3);
    }
    const taken = sa.calls("accumulatorTaken");
    assert.deepEqual(
      taken.map((c) => c.body),
      ["acc-1001", "acc-1002", "acc-1003"].map((id) => ({ cabinet_id: "cab-1", contractor_id: "ctr-1", accumulator_id: id })),
    );
    assert.ok(taken.every((c) => c.status === 200 && c.requestId));
    assert.equal(sa.validateBookedTaken("cab-1", "ctr-1"), true, "validate_booked_taken passes without the cabinet");

    const { finishHandover: done } = await stack.ok(FINISH, {}, KEEPER);
    assert.equal(done.id, info.handover.id);
    assert.equal(done.endedBy, "FINISHED");
    assert.ok(done.finishedAt);
    assert.ok(done.booked.every((a: any) => a.done));
    assert.deepEqual([done.done, done.expected], [3, 3]);
    assert.equal(done.scans.length, 3);
    const { me } = await stack.ok(ME, {}, KEEPER);
    assert.deepEqual(me, { state: "NONE", cabinetId: null, contractorId: null, handover: null });
    assert.equal(sa.calls().length, 4, "booking_info and three taken, nothing else");
  });

  it("GET: returns go to accumulator/returned into the booked cells, counted against them", async () => {
    const sa = stack.emulators.scooterAccumulator;
    const { bookingInfo } = await stack.ok(BOOKING, { cabinetId: "cab-1", contractorId: "ctr-1", kind: "GET" }, KEEPER);
    assert.equal(bookingInfo.kind, "GET");
    assert.equal(bookingInfo.cellsForReturn, 3);
    assert.equal(bookingInfo.session.state, "GET_ACCUMULATORS");

    const first = (await stack.ok(RETURNED, { id: "acc-9001" }, KEEPER)).accumulatorReturned;
    assert.equal(first.scan.delivery, "DELIVERED");
    assert.equal(first.scan.expected, true);
    assert.deepEqual([first.done, first.expected], [1, 3]);
    const second = (await stack.ok(RETURNED, { id: "acc-9002" }, KEEPER)).accumulatorReturned;
    assert.deepEqual([second.done, second.expected], [2, 3]);
    assert.equal(sa.accumulator("acc-9001")!.cabinetId, "cab-1");
    assert.equal(sa.accumulator("acc-9002")!.holder, null);
    assert.deepEqual(
      sa.calls("accumulatorReturned").map((c) => (c.body as any).accumulator_id),
      ["acc-9001", "acc-9002"],
    );
    assert.equal(sa.calls("accumulatorTaken").length, 0);
    const finished = (await stack.ok(FINISH, {}, KEEPER)).finishHandover;
    assert.deepEqual([finished.done, finished.expected], [2, 3], "GET: returned of the cells booked");
  });

  it("a duplicate scan is answered from the journal and nothing is sent twice", async () => {
    await stack.ok(BOOKING, { cabinetId: "cab-1", contractorId: "ctr-1" }, KEEPER);
    const first = (await stack.ok(TAKEN, { id: "acc-1001" }, KEEPER)).accumulatorTaken;
    const again = (await stack.ok(TAKEN, { id: " acc-1001 " }, KEEPER)).accumulatorTaken;
    assert.equal(again.duplicate, true);
    assert.equal(again.scan.at, first.scan.at);
    assert.equal(again.scan.delivery, "DELIVERED");
    assert.equal(again.done, 1);
    assert.equal(stack.emulators.scooterAccumulator.calls("accumulatorTaken").length, 1);
  });

  it("twenty identical scans at once make one journal row and one upstream call", async () => {
    await stack.ok(BOOKING, { cabinetId: "cab-1", contractorId: "ctr-1" }, KEEPER);
    const results = await Promise.all(Array.from({ length: 20 }, () => stack.gql(TAKEN, { id: "acc-1002" }, KEEPER)));
    assert.ok(
      results.every((r) => !r.errors),
      JSON.stringify(results.find((r) => r.errors)?.errors),
    );
    assert.equal(results.filter((r) => r.data.accumulatorTaken.duplicate === false).length, 1);
    assert.equal(stack.emulators.scooterAccumulator.calls("accumulatorTaken").length, 1);
    const { handovers } = await stack.ok(`{ handovers { scans { accumulatorId } } }`, {}, KEEPER);
    assert.equal(handovers[0].scans.length, 1);
  });

  it("an accumulator outside the booking is marked expected: false and upstream's refusal is kept as REJECTED", async () => {
    await stack.ok(BOOKING, { cabinetId: "cab-1", contractorId: "ctr-1" }, KEEPER);
    const r = (await stack.ok(TAKEN, { id: "acc-1005" }, KEEPER)).accumulatorTaken;
    assert.equal(r.scan.expected, false);
    assert.equal(r.scan.delivery, "REJECTED");
    assert.match(r.scan.message, /not booked/);
    assert.equal(r.done, 0);
    const unknown = (await stack.ok(TAKEN, { id: "acc-404" }, KEEPER)).accumulatorTaken;
    assert.equal(unknown.scan.delivery, "REJECTED");
    assert.match(unknown.scan.message, /unknown accumulator/);
    const { handovers } = await stack.ok(`{ handovers { scans { accumulatorId delivery upstreamCode } } }`, {}, KEEPER);
    assert.deepEqual(handovers[0].scans, [
      { accumulatorId: "acc-1005", delivery: "REJECTED", upstreamCode: "NOT_BOOKED" },
      { accumulatorId: "acc-404", delivery: "REJECTED", upstreamCode: "NOT_FOUND" },
    ]);
  });

  it("GET beyond the booked cells is expected: false", async () => {
    await stack.ok(BOOKING, { cabinetId: "cab-2", contractorId: "ctr-2", kind: "GET" }, KEEPER);
    await stack.ok(RETURNED, { id: "acc-9011" }, KEEPER);
    await stack.ok(RETURNED, { id: "acc-9012" }, KEEPER);
    const third = (await stack.ok(RETURNED, { id: "acc-9001" }, KEEPER)).accumulatorReturned;
    assert.equal(third.scan.expected, false);
    assert.equal(third.scan.delivery, "REJECTED");
    assert.deepEqual([third.done, third.expected], [2, 2]);
  });

  it("a new bookingInfo while a handover is open closes the old one first and says so", async () => {
    const first = (await stack.ok(BOOKING, { cabinetId: "cab-1", contractorId: "ctr-1" }, KEEPER)).bookingInfo;
    await stack.ok(TAKEN, { id: "acc-1001" }, KEEPER);
    const second = (await stack.ok(BOOKING, { cabinetId: "cab-2", contractorId: "ctr-2", kind: "GET" }, KEEPER)).bookingInfo;
    assert.equal(second.replacedHandover.id, first.handover.id);
    assert.equal(second.replacedHandover.endedBy, "REPLACED");
    assert.ok(second.replacedHandover.finishedAt);
    assert.equal(second.session.state, "GET_ACCUMULATORS");
    assert.equal(second.session.cabinetId, "cab-2");
    const { handovers } = await stack.ok(`{ handovers { id finishedAt endedBy } }`, {}, KEEPER);
    assert.deepEqual(
      handovers.map((h: any) => h.endedBy),
      [null, "REPLACED"],
    );
  });

  it("INVALID_STATE: a scan with no open handover, a GIVE scan in a GET handover, finishing nothing", async () => {
    const none = await stack.gql(TAKEN, { id: "acc-1001" }, KEEPER);
    assert.equal(codeOf(none), "INVALID_STATE");
    assert.match(none.errors![0].message, /No handover is open/);
    assert.equal(codeOf(await stack.gql(FINISH, {}, KEEPER)), "INVALID_STATE");

    await stack.ok(BOOKING, { cabinetId: "cab-1", contractorId: "ctr-1", kind: "GET" }, KEEPER);
    const wrongWay = await stack.gql(TAKEN, { id: "acc-1001" }, KEEPER);
    assert.equal(codeOf(wrongWay), "INVALID_STATE");
    await stack.ok(FINISH, {}, KEEPER);
    await stack.ok(BOOKING, { cabinetId: "cab-1", contractorId: "ctr-1" }, KEEPER);
    assert.equal(codeOf(await stack.gql(RETURNED, { id: "acc-9001" }, KEEPER)), "INVALID_STATE");
    assert.equal(stack.emulators.scooterAccumulator.calls("accumulatorTaken").length, 0);
    assert.equal(stack.emulators.scooterAccumulator.calls("accumulatorReturned").length, 0);
  });

  it("NOT_FOUND for a booking upstream does not know; the session stays as it was", async () => {
    const unknownCabinet = await stack.gql(BOOKING, { cabinetId: "cab-9", contractorId: "ctr-1" }, KEEPER);
    assert.equal(codeOf(unknownCabinet), "NOT_FOUND");
    assert.match(unknownCabinet.errors![0].message, /cab-9/);
    const noBooking = await stack.gql(BOOKING, { cabinetId: "cab-2", contractorId: "ctr-1" }, KEEPER);
    assert.equal(codeOf(noBooking), "NOT_FOUND");
    assert.equal(noBooking.status, 200);
    const { me } = await stack.ok(ME, {}, KEEPER);
    assert.equal(me.state, "NONE");
  });

  it("BAD_USER_INPUT for empty or malformed ids, before anything is sent", async () => {
    for (const [cabinetId, contractorId] of [
      ["", "ctr-1"],
      ["cab-1", "   "],
      ["cab 1", "ctr-1"],
      ["x".repeat(200), "ctr-1"],
    ]) {
      const r: any = await stack.gql(BOOKING, { cabinetId, contractorId }, KEEPER);
      assert.equal(codeOf(r), "BAD_USER_INPUT", `${cabinetId}/${contractorId}`);
    }
    await stack.ok(BOOKING, { cabinetId: "cab-1", contractorId: "ctr-1" }, KEEPER);
    const empty = await stack.gql(TAKEN, { id: "" }, KEEPER);
    assert.equal(codeOf(empty), "BAD_USER_INPUT");
    assert.equal(empty.errors![0].extensions!.field, "accumulatorId");
    const wrongType = await stack.gql(`mutation { bookingInfo(cabinetId: "cab-1", contractorId: "ctr-1", kind: SIDEWAYS) { kind } }`, {}, KEEPER);
    assert.ok(wrongType.status < 500);
    assert.equal(codeOf(wrongType), "GRAPHQL_VALIDATION_FAILED");
    assert.equal(stack.emulators.scooterAccumulator.calls("bookingInfo").length, 1);
  });

  it("UPSTREAM_UNAVAILABLE and UPSTREAM_REJECTED from booking_info, with the upstream named", async () => {
    const sa = stack.emulators.scooterAccumulator;
    await sa.setFault({ status: 503 });
    const down = await stack.gql(BOOKING, { cabinetId: "cab-1", contractorId: "ctr-1" }, KEEPER);
    assert.equal(codeOf(down), "UPSTREAM_UNAVAILABLE");
    assert.equal(down.errors![0].extensions!.upstream.service, "scooter-accumulator");
    assert.equal(sa.calls("bookingInfo").length, 2, "booking_info is retried once");
    await sa.setFault({ status: 403 });
    const refused = await stack.gql(BOOKING, { cabinetId: "cab-1", contractorId: "ctr-1" }, KEEPER);
    assert.equal(codeOf(refused), "UPSTREAM_REJECTED");
    assert.deepEqual(refused.errors![0].extensions!.upstream, {
      service: "scooter-accumulator",
      status: 403,
      code: "INJECTED",
      message: "injected HTTP 403",
    });
    await sa.setFault({ refuse: true });
    const refusedConnection = await stack.gql(BOOKING, { cabinetId: "cab-1", contractorId: "ctr-1" }, KEEPER);
    assert.equal(codeOf(refusedConnection), "UPSTREAM_UNAVAILABLE");
    assert.match(refusedConnection.errors![0].message, /connection refused/);
    await sa.clearFault();
    await stack.ok(BOOKING, { cabinetId: "cab-1", contractorId: "ctr-1" }, KEEPER);
  });

  it("handovers lists newest first, filtered by cabinet and contractor, with operator and scans", async () => {
    await stack.ok(BOOKING, { cabinetId: "cab-1", contractorId: "ctr-1" }, KEEPER);
    await stack.ok(TAKEN, { id: "acc-1001" }, KEEPER);
    await stack.ok(FINISH, {}, KEEPER);
    await stack.ok(BOOKING, { cabinetId: "cab-2", contractorId: "ctr-2" }, KEEPER);
    await stack.ok(FINISH, {}, KEEPER);
    await stack.ok(BOOKING, { cabinetId: "cab-1", contractorId: "ctr-1", kind: "GET" }, KEEPER);

    const all = (await stack.ok(`{ handovers { cabinetId kind operator { login } scans { accumulatorId } } }`, {}, KEEPER)).handovers;
    assert.deepEqual(
      all.map((h: any) => `${h.cabinetId}/${h.kind}`),
      ["cab-1/GET", "cab-2/GIVE", "cab-1/GIVE"],
    );
    assert.equal(all[2].operator.login, "keeper_anna");
    assert.deepEqual(all[2].scans, [{ accumulatorId: "acc-1001" }]);
    const cab1 = (await stack.ok(`{ handovers(cabinetId: "cab-1", first: 1) { kind } }`, {}, KEEPER)).handovers;
    assert.deepEqual(cab1, [{ kind: "GET" }]);
    const ctr2 = (await stack.ok(`{ handovers(contractorId: "ctr-2") { cabinetId } }`, {}, { jwt: "boss" })).handovers;
    assert.deepEqual(ctr2, [{ cabinetId: "cab-2" }]);
    assert.equal(codeOf(await stack.gql(`{ handovers(first: 0) { id } }`, {}, KEEPER)), "BAD_USER_INPUT");
  });

  it("two keepers keep their own sessions", async () => {
    const other: As = { telegram: { id: 5002, username: "keeper_boris" } };
    await stack.operator("keeper_boris", ["ACCUMULATOR_KEEPER"]);
    await stack.ok(BOOKING, { cabinetId: "cab-1", contractorId: "ctr-1" }, KEEPER);
    await stack.ok(BOOKING, { cabinetId: "cab-2", contractorId: "ctr-2", kind: "GET" }, other);
    assert.equal((await stack.ok(TAKEN, { id: "acc-1001" }, KEEPER)).accumulatorTaken.scan.delivery, "DELIVERED");
    assert.equal((await stack.ok(RETURNED, { id: "acc-9011" }, other)).accumulatorReturned.scan.delivery, "DELIVERED");
    assert.equal((await stack.ok(ME, {}, KEEPER)).me.state, "GIVE_ACCUMULATORS");
    assert.equal((await stack.ok(ME, {}, other)).me.state, "GET_ACCUMULATORS");
  });

  it("FORBIDDEN for operators without the keeper role", async () => {
    await stack.operator("mech", ["REPAIRER"]);
    const r = await stack.gql(BOOKING, { cabinetId: "cab-1", contractorId: "ctr-1" }, { jwt: "mech" });
    assert.equal(codeOf(r), "FORBIDDEN");
    assert.match(r.errors![0].message, /accumulator keeper/);
    assert.equal(codeOf(await stack.gql(`{ handovers { id } }`, {}, { jwt: "mech" })), "FORBIDDEN");
    assert.equal(stack.emulators.scooterAccumulator.calls().length, 0);
  });
  it("openTelegramUpdate with a scan: made once, only for a claimed update and a session that is that handover with no bot step", async () => {
    const sa = stack.emulators.scooterAccumulator;
    const OPEN = `mutation($u: ID!, $scan: TelegramScanInput) {
      openTelegramUpdate(updateId: $u, scan: $scan) { claimed me { state handover { done } } scan { ${SCAN_FIELDS} } }
    }`;
    const open = (u: string, scan: { kind: string; accumulatorId: string }, as: As = KEEPER) => stack.gql(OPEN, { u, scan }, as);
    const give = (accumulatorId: string) => ({ kind: "GIVE", accumulatorId });
    const scanRows = async () =>
      (await stack.gateway.orm.em.fork().execute<{ accumulator_id: string }[]>(`select "accumulator_id" from "handover_scan" order by "id"`)).map(
        (r) => r.accumulator_id,
      );

    // no handover open: nothing is scanned, the session is read as ever
    const idle = await open("770001", give("acc-1001"));
    assert.deepEqual(idle.data!.openTelegramUpdate, { claimed: true, me: { state: "NONE", handover: null }, scan: null });

    await stack.ok(BOOKING, { cabinetId: "cab-1", contractorId: "ctr-1" }, KEEPER);
    const made = (await stack.ok(OPEN, { u: "770002", scan: give("Acc-1001") }, KEEPER)).openTelegramUpdate;
    assert.equal(made.claimed, true);
    assert.equal(made.scan.scan.accumulatorId, "acc-1001", "matched to the booking, as accumulatorTaken matches it");
    assert.equal(made.scan.scan.delivery, "DELIVERED");
    assert.deepEqual([made.scan.done, made.scan.expected, made.scan.duplicate], [1, 3, false]);
    assert.equal(made.me.handover.done, 1, "the session's handover as it stands after the scan");

    // a redelivered update is not scanned again, even with a scan that would be new
    const again = (await stack.ok(OPEN, { u: "770002", scan: give("acc-1002") }, KEEPER)).openTelegramUpdate;
    assert.deepEqual([again.claimed, again.scan], [false, null]);
    // the other direction is not this handover: not scanned, and not refused either (the bot routes the text itself)
    assert.equal((await stack.ok(OPEN, { u: "770003", scan: { kind: "GET", accumulatorId: "acc-1002" } }, KEEPER)).openTelegramUpdate.scan, null);
    // the bot waits for another answer (a step): the text is that answer, not a scan
    await stack.ok(`mutation { setBotStep(step: "GIVE:cabinet") { botStep } }`, {}, KEEPER);
    assert.equal((await stack.ok(OPEN, { u: "770004", scan: give("acc-1002") }, KEEPER)).openTelegramUpdate.scan, null);
    await stack.ok(`mutation { setBotStep(step: null) { botStep } }`, {}, KEEPER);

    // the scan's refusal is the scan field's error; the claim and the session come back
    const refused = await open("770005", give("acc 1002!"));
    assert.equal(codeOf(refused), "BAD_USER_INPUT");
    assert.deepEqual(refused.errors![0].path, ["openTelegramUpdate", "scan"]);
    assert.equal(refused.data!.openTelegramUpdate.claimed, true);
    assert.equal(refused.data!.openTelegramUpdate.me.state, "GIVE_ACCUMULATORS");
    assert.equal(refused.data!.openTelegramUpdate.scan, null);

    // a mechanic may not scan: nothing is made for them (the bot's own call would be FORBIDDEN)
    await stack.operator("mech_m", ["REPAIRER"]);
    const mech = await open("770006", give("acc-1002"), { telegram: { id: 5101, username: "mech_m" } });
    assert.equal(mech.data!.openTelegramUpdate.scan, null);
    // only the bot opens updates
    assert.equal(codeOf(await open("770007", give("acc-1002"), { jwt: "keeper_anna" })), "FORBIDDEN");

    assert.deepEqual(await scanRows(), ["acc-1001"], "one scan, recorded once");
    assert.deepEqual(
      sa.calls("accumulatorTaken").map((c) => (c.body as { accumulator_id: string }).accumulator_id),
      ["acc-1001"],
    );
  });
});
