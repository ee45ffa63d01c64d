import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { isInputObjectType, isInterfaceType, isObjectType } from "graphql";
import { buildGatewaySchema } from "../gateway/schema";
import { foldId, matchKnownId } from "../gateway/handover/match";
import { codeOf, Stack, type As } from "./support/stack";

const KEEPER: As = { telegram: { id: 5401, username: "keeper_olga" } };
const MECH: As = { telegram: { id: 5402, username: "mech_oleg" } };

describe("scanned ids against booked ones (pure rule)", () => {
  it("matches regardless of case and Cyrillic look-alike letters, and only one known id", () => {
    assert.equal(foldId("Асс-1001"), "acc-1001");
    assert.equal(matchKnownId("Acc-1001", ["acc-1001", "acc-1002"]), "acc-1001");
    assert.equal(matchKnownId("асс-1002", ["acc-1001", "acc-1002"]), "acc-1002", "typed on a Russian layout");
    assert.equal(matchKnownId("ACC-1003", ["acc-1001"]), "ACC-1003", "no match: as typed");
    assert.equal(matchKnownId("acc-1", ["ACC-1", "acc-1"]), "acc-1", "an exact match wins");
    assert.equal(matchKnownId("Acc-1", ["ACC-1", "acc-1"]), "Acc-1", "two candidates: as typed");
    assert.equal(matchKnownId("асс-9002", []), "acc-9002", "nothing to match (a take-back): the Russian layout's letters made Latin");
    assert.equal(matchKnownId("АСС-1003", ["acc-9"]), "ACC-1003", "case kept");
    assert.equal(matchKnownId("acc-9002", ["acc-9002"]), "acc-9002", "so the Latin id typed next is the same accumulator");
  });
});

describe("what the bot and PRO screens need from the gateway", () => {
  const stack = new Stack();
  before(() => stack.start());
  after(() => stack.stop());
  beforeEach(async () => {
    await stack.reset();
    await stack.operator("keeper_olga", ["ACCUMULATOR_KEEPER"]);
    await stack.operator("mech_oleg", ["REPAIRER"], "wh-1");
  });

  it("a capitalised or Cyrillic-typed scan is recorded and sent with the booked spelling, once", async () => {
    const sa = stack.emulators.scooterAccumulator;
    await stack.ok(`mutation { bookingInfo(cabinetId: "cab-1", contractorId: "ctr-1") { cabinetId } }`, {}, KEEPER);
    const scan = `mutation($id: ID!) { accumulatorTaken(accumulatorId: $id) { scan { accumulatorId delivery expected } duplicate done } }`;
    const first = (await stack.ok(scan, { id: "Acc-1001" }, KEEPER)).accumulatorTaken;
    assert.deepEqual(first, { scan: { accumulatorId: "acc-1001", delivery: "DELIVERED", expected: true }, duplicate: false, done: 1 });
    const cyrillic = (await stack.ok(scan, { id: "асс-1002" }, KEEPER)).accumulatorTaken;
    assert.equal(cyrillic.scan.accumulatorId, "acc-1002");
    const again = (await stack.ok(scan, { id: "ACC-1001" }, KEEPER)).accumulatorTaken;
    assert.equal(again.duplicate, true);
    const outside = (await stack.ok(scan, { id: "Acc-7777" }, KEEPER)).accumulatorTaken;
    assert.equal(outside.scan.accumulatorId, "Acc-7777", "what matches nothing, and the service knows in no spelling, stays as typed");
    assert.equal(outside.scan.expected, false);
    assert.deepEqual(
      sa.calls("accumulatorTaken").map((c) => (c.body as any).accumulator_id),
      ["acc-1001", "acc-1002", "Acc-7777", "acc-7777"],
    );
  });

  it("a take-back typed in capitals or on a Russian layout reaches the service in the fleet's spelling; a refused spelling is not matched again", async () => {
    const sa = stack.emulators.scooterAccumulator;
    await stack.ok(`mutation { bookingInfo(cabinetId: "cab-1", contractorId: "ctr-1", kind: GET) { cabinetId } }`, {}, KEEPER);
    const scan = `mutation($id: ID!) { accumulatorReturned(accumulatorId: $id) { scan { accumulatorId delivery upstreamCode } duplicate done } }`;
    // what reached the handler (an injected fault answers before the body is read)
    const sent = () => sa.calls("accumulatorReturned").flatMap((c) => (c.body ? [(c.body as any).accumulator_id] : []));

    const capitals = (await stack.ok(scan, { id: "АСС-9001" }, KEEPER)).accumulatorReturned;
    assert.deepEqual(capitals, { scan: { accumulatorId: "acc-9001", delivery: "DELIVERED", upstreamCode: null }, duplicate: false, done: 1 });
    assert.deepEqual(sent(), ["ACC-9001", "acc-9001"], "the service did not know ACC-9001, so it was asked for acc-9001");
    assert.equal((await stack.ok(scan, { id: "acc-9001" }, KEEPER)).accumulatorReturned.duplicate, true, "recorded as the service knows it");

    // refused as typed (here: by an injected 409, so no second spelling is tried), then typed right
    await sa.setFault({ status: 409 });
    const refused = (await stack.ok(scan, { id: "ACC-9002" }, KEEPER)).accumulatorReturned;
    assert.deepEqual([refused.scan.accumulatorId, refused.scan.delivery, refused.done], ["ACC-9002", "REJECTED", 1]);
    await sa.setFault({});
    const right = (await stack.ok(scan, { id: "acc-9002" }, KEEPER)).accumulatorReturned;
    assert.deepEqual(right, { scan: { accumulatorId: "acc-9002", delivery: "DELIVERED", upstreamCode: null }, duplicate: false, done: 2 });
    assert.deepEqual(sent(), ["ACC-9001", "acc-9001", "acc-9002"], "acc-9002 went as typed, not as the refused ACC-9002");
    assert.equal(sa.calls("accumulatorReturned").length, 4, "the refused one was sent once");

    // an id the service knows in no spelling stays as typed, refused once
    const unknown = (await stack.ok(scan, { id: "ACC-9999" }, KEEPER)).accumulatorReturned;
    assert.deepEqual([unknown.scan.accumulatorId, unknown.scan.delivery, unknown.scan.upstreamCode, unknown.done], ["ACC-9999", "REJECTED", "NOT_FOUND", 2]);
  });

  it("GET keeps the cells booked for return; GIVE shows the charge", async () => {
    const get = await stack.ok(
      `mutation { bookingInfo(cabinetId: "cab-1", contractorId: "ctr-1", kind: GET) { cellsForReturn returnCells handover { returnCells } } }`,
      {},
      KEEPER,
    );
    assert.deepEqual(get.bookingInfo.returnCells, ["cab-1-r1", "cab-1-r2", "cab-1-r3"]);
    assert.equal(get.bookingInfo.cellsForReturn, 3);
    const me = await stack.ok(`{ me { handover { returnCells } } }`, {}, KEEPER);
    assert.deepEqual(me.me.handover.returnCells, ["cab-1-r1", "cab-1-r2", "cab-1-r3"], "kept in the database");
    const give = await stack.ok(
      `mutation { bookingInfo(cabinetId: "cab-1", contractorId: "ctr-1") { accumulators { accumulatorId chargePercent } } }`,
      {},
      KEEPER,
    );
    assert.deepEqual(give.bookingInfo.accumulators[0], { accumulatorId: "acc-1001", chargePercent: 91 });
  });

  it("scooters keeps order and length: an unknown id and one Drive refuses are entries with an error, the others whole", async () => {
    const result = await stack.gql(
      `query($ids: [ID!]!) { scooters(vehicleIds: $ids) { vehicleId mileageKm firmware { block } error { code reason } } }`,
      { ids: ["sc-1002", "sc-9999", "sc-1001", "самокат"] },
      MECH,
    );
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    const cards = result.data.scooters;
    assert.deepEqual(
      cards.map((c: any) => c.vehicleId),
      ["sc-1002", "sc-9999", "sc-1001", "самокат"],
    );
    assert.equal(cards[0].mileageKm, 625);
    assert.equal(cards[0].error, null);
    assert.deepEqual(cards[1], { vehicleId: "sc-9999", mileageKm: null, firmware: [], error: { code: "NOT_FOUND", reason: "UNKNOWN_VEHICLE" } });
    assert.equal(cards[2].mileageKm, 487.5);
    assert.deepEqual(cards[3].error, { code: "NOT_FOUND", reason: "UNKNOWN_VEHICLE" }, "Drive refused that one id; the others are answered");
  });

  it("a cabinet, a contractor and a warehouse typed in capitals are the ones the services know", async () => {
    const opened = await stack.ok(
      `mutation { bookingInfo(cabinetId: "CAB-1", contractorId: "Ctr-1") { cabinetId contractorId handover { cabinetId contractorId } } }`,
      {},
      KEEPER,
    );
    assert.deepEqual(opened.bookingInfo, { cabinetId: "cab-1", contractorId: "ctr-1", handover: { cabinetId: "cab-1", contractorId: "ctr-1" } });
    const unknown = await stack.gql(`mutation { bookingInfo(cabinetId: "CAB-9", contractorId: "CTR-1") { cabinetId } }`, {}, KEEPER);
    assert.deepEqual([codeOf(unknown), unknown.errors![0].extensions!.cabinetId], ["NOT_FOUND", "CAB-9"], "the ids as the keeper typed them");
    const place = await stack.ok(`mutation { setPlace(placeId: "WH-2") { placeId } }`, {}, MECH);
    assert.equal(place.setPlace.placeId, "wh-2");
    const started = await stack.ok(`mutation { startRepair(input: { repairId: "r-wh", vehicleId: "sc-1005", placeId: "WH-3" }) { placeId } }`, {}, MECH);
    assert.equal(started.startRepair.placeId, "wh-3");
  });

  it("knownPlaces: the warehouses people work at, the busiest first, named; one the directory does not name is not offered", async () => {
    const known = `{ knownPlaces { placeId name } }`;
    await stack.operator("mech_a", ["REPAIRER"], "wh-3");
    await stack.operator("mech_b", ["REPAIRER"], "wh-3");
    await stack.ok(`mutation { startRepair(input: { repairId: "r-kp", vehicleId: "sc-1005", placeId: "wh-2" }) { id } }`, {}, MECH);
    assert.deepEqual((await stack.ok(known, {}, KEEPER)).knownPlaces, [
      { placeId: "wh-3", name: "Склад Невский" },
      { placeId: "wh-1", name: "Склад Север" },
      { placeId: "wh-2", name: "Склад Юг" },
    ]);
    assert.deepEqual((await stack.ok(`{ knownPlaces(first: 1) { placeId } }`, {}, MECH)).knownPlaces, [{ placeId: "wh-3" }]);
    // a warehouse the directory does not know (an operator's from before it was closed): not offered, setPlace would refuse it
    await stack.gateway.orm.em.fork().execute(`update "operator" set "place_id" = 'wh-9' where "login" in ('mech_a', 'mech_b')`);
    assert.deepEqual(
      (await stack.ok(known, {}, MECH)).knownPlaces.map((p: { placeId: string }) => p.placeId),
      ["wh-1", "wh-2"],
    );
    assert.equal(codeOf(await stack.gql(`{ knownPlaces(first: 0) { placeId } }`, {}, MECH)), "BAD_USER_INPUT");
    assert.equal(codeOf(await stack.gql(known, {})), "UNAUTHENTICATED");
  });

  it("a vehicle id typed in capitals or on a Russian layout is the vehicle Drive knows, everywhere", async () => {
    await stack.operator("mgr_nina", ["MANAGER"]);
    const MANAGER: As = { telegram: { id: 5403, username: "mgr_nina" } };
    const card = await stack.ok(`{ scooter(vehicleId: "SC-1002") { vehicleId mileageKm } }`, {}, MECH);
    assert.equal(card.scooter.vehicleId, "sc-1002", "the card is Drive's vehicle");
    const drive = stack.emulators.drive;
    drive.journal.length = 0;
    const typed = await stack.ok(
      `query($ids: [ID!]!) { scooters(vehicleIds: $ids) { vehicleId error { code } } }`,
      { ids: ["sс-1003", "ＳＣ-１００４"] },
      MECH,
    );
    assert.deepEqual(
      typed.scooters,
      [
        { vehicleId: "sc-1003", error: null },
        { vehicleId: "sc-1004", error: null },
      ],
      "a Cyrillic с and full-width letters are the vehicle too",
    );
    assert.equal(drive.calls("carDetails").length, 1, "in one Drive request, with no spelling Drive refuses");
    const started = await stack.ok(`mutation { startRepair(input: { repairId: "r-up", vehicleId: "SС-1002" }) { vehicleId mileageAtStartKm } }`, {}, MECH);
    assert.equal(started.startRepair.vehicleId, "sc-1002", "the capital S and the Cyrillic С are recorded as Drive spells the vehicle");
    assert.equal(typeof started.startRepair.mileageAtStartKm, "number");
    const again = await stack.ok(`mutation { startRepair(input: { repairId: "r-up", vehicleId: "sc-1002" }) { vehicleId } }`, {}, MECH);
    assert.equal(again.startRepair.vehicleId, "sc-1002", "the same call again is the same repair");
    const control = await stack.ok(`mutation { scooterControl(vehicleId: "SC-1002", action: BLINK_LIGHT) { vehicleId outcome } }`, {}, MECH);
    assert.deepEqual(control.scooterControl, { vehicleId: "sc-1002", outcome: "OK" }, "the vehicle under repair, whatever its case");
    const logs = await stack.ok(`{ repairHistory(vehicleId: "SC-1002") { id } controlLog(vehicleId: "SC-1002") { action } }`, {}, MANAGER);
    assert.deepEqual(logs.repairHistory, [{ id: "r-up" }]);
    assert.deepEqual(logs.controlLog, [{ action: "BLINK_LIGHT" }]);
    const listed = await stack.ok(`{ repairs(filter: { vehicleIds: ["SC-1002"] }) { totalCount } }`, {}, MANAGER);
    assert.equal(listed.repairs.totalCount, 1, "the dashboard's vehicle filter too");
    const unknown = await stack.gql(`{ scooter(vehicleId: "SC-9999") { vehicleId } }`, {}, MECH);
    assert.equal(codeOf(unknown), "NOT_FOUND");
  });

  it("an id no fleet vehicle can have costs Drive nothing; one request asks Drive for at most 1000 vehicles, aliases and all", async () => {
    const drive = stack.emulators.drive;
    drive.journal.length = 0;
    const LIST = `query($ids: [ID!]!) { scooters(vehicleIds: $ids) { vehicleId error { code reason } } }`;
    const strange = await stack.ok(LIST, { ids: Array.from({ length: 500 }, (_, i) => `ПРИВЕТ${i}`) }, MECH);
    assert.ok(
      strange.scooters.every((s: any) => s.error?.code === "NOT_FOUND" && s.error?.reason === "UNKNOWN_VEHICLE"),
      JSON.stringify(strange.scooters[0]),
    );
    assert.equal(drive.calls("carDetails").length, 0, "not one Drive request (it was about 2000: each refused batch halved to single ids)");
    const ids = (alias: string) => Array.from({ length: 500 }, (_, i) => `zz-${alias}-${i}`);
    const wide = await stack.ok(
      `query($a: [ID!]!, $b: [ID!]!, $c: [ID!]!) { a: scooters(vehicleIds: $a) { error { reason } } b: scooters(vehicleIds: $b) { error { reason } } c: scooters(vehicleIds: $c) { error { reason } } }`,
      { a: ids("a"), b: ids("b"), c: ids("c") },
      MECH,
    );
    const reasons = [...wide.a, ...wide.b, ...wide.c].map((s: any) => s.error?.reason);
    assert.equal(reasons.filter((r) => r === "UNKNOWN_VEHICLE").length, 1000, "1000 asked");
    assert.equal(reasons.filter((r) => r === "TOO_MANY").length, 500, "the rest refused, not asked");
    assert.equal(drive.calls("carDetails").length, 20, "in 20 requests of 50");
    // with Drive down, an id no fleet vehicle has is not recorded as a repair (it was: a second performing repair of sc-1003)
    await drive.setFault({ status: 503 });
    const refused = await stack.gql(`mutation { startRepair(input: { repairId: "r-s", vehicleId: "ЅС-1003" }) { id } }`, {}, MECH);
    assert.deepEqual([codeOf(refused), refused.errors![0].extensions!.reason], ["BAD_USER_INPUT", "UNKNOWN_VEHICLE"]);
    await drive.clearFault();
    // a full-width hyphen is a hyphen
    const wideHyphen = await stack.ok(`{ scooter(vehicleId: "ＳＣ－１００５") { vehicleId } }`, {}, MECH);
    assert.equal(wideHyphen.scooter.vehicleId, "sc-1005");
  });

  it("errors carry the structured fields a client words its own sentence from", async () => {
    const noBooking = await stack.gql(`mutation { bookingInfo(cabinetId: "cab-9", contractorId: "ctr-1") { cabinetId } }`, {}, KEEPER);
    assert.equal(codeOf(noBooking), "NOT_FOUND");
    assert.deepEqual(
      {
        reason: noBooking.errors![0].extensions!.reason,
        cabinetId: noBooking.errors![0].extensions!.cabinetId,
        contractorId: noBooking.errors![0].extensions!.contractorId,
      },
      { reason: "NO_BOOKING", cabinetId: "cab-9", contractorId: "ctr-1" },
    );
    const role = await stack.gql(`mutation { startRepair(input: { repairId: "r-x", vehicleId: "sc-1001" }) { id } }`, {}, KEEPER);
    assert.deepEqual(role.errors![0].extensions, { code: "FORBIDDEN", reason: "ROLE", roles: ["REPAIRER"] });
    await stack.ok(`mutation { startRepair(input: { repairId: "r-1", vehicleId: "sc-1001" }) { id } }`, {}, MECH);
    await stack.ok(`mutation { startJob(input: { repairId: "r-1", jobId: "j-1", type: "FENDERS", variant: "REPLACE" }) { id } }`, {}, MECH);
    const running = await stack.gql(`mutation { endRepair(repairId: "r-1") { id } }`, {}, MECH);
    assert.deepEqual(running.errors![0].extensions, { code: "CONFLICT", reason: "JOB_RUNNING", jobType: "FENDERS", jobVariant: "REPLACE" });
    const place = await stack.gql(`mutation { setPlace(placeId: "wh-404") { placeId } }`, {}, MECH);
    assert.deepEqual(place.errors![0].extensions, { code: "BAD_USER_INPUT", reason: "UNKNOWN_PLACE", placeId: "wh-404", field: "placeId" });
    const named = await stack.ok(`{ me { operator { place { placeId name } } repair { place { name } } } }`, {}, MECH);
    assert.deepEqual(named.me.operator.place, { placeId: "wh-1", name: "Склад Север" });
    assert.equal(named.me.repair.place.name, "Склад Север");
  });

  it("the offline explorer is served from the gateway itself, and not in production", async () => {
    const page = await fetch(`${stack.url}/graphiql`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /\/graphiql\/assets\/graphiql\.js/);
    const asset = await fetch(`${stack.url}/graphiql/assets/graphiql.js`);
    assert.equal(asset.status, 200);
    assert.ok((await asset.arrayBuffer()).byteLength > 100_000);
    const production = await stack.startGateway({ NODE_ENV: "production" });
    try {
      assert.equal((await fetch(`${production.url}/graphiql`)).status, 404);
    } finally {
      await stack.stopGateway(production);
    }
  });

  it("every public field, input field and argument of the schema has a description", async () => {
    const schema = await buildGatewaySchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || !(isObjectType(type) || isInputObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of "args" in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    assert.deepEqual(missing, []);
  });
});
