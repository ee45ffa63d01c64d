import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import pg from "pg";
import { ADMIN, codeOf, eventually, Stack, type As } from "./support/stack";

const MECH: As = { telegram: { id: 3001, username: "mech_oleg" } };
const MECH2: As = { telegram: { id: 3002, username: "mech_lena" } };
const AS_ADMIN: As = { jwt: ADMIN };

const REPAIR_FIELDS = `id vehicleId placeId status startedAt finishedAt mileageAtStartKm durationSeconds performer { login }
  jobs { id repairId type { code title } variant status startedAt finishedAt durationSeconds }`;
const START = `mutation($input: StartRepairInput!) { startRepair(input: $input) { ${REPAIR_FIELDS} } }`;
const END = `mutation($id: ID!, $status: RepairStatus! = COMPLETED) { endRepair(repairId: $id, status: $status) { ${REPAIR_FIELDS} } }`;
const START_JOB = `mutation($input: StartJobInput!) { startJob(input: $input) { id repairId type { code } variant status finishedAt } }`;
const END_JOB = `mutation($id: ID!, $status: JobStatus! = COMPLETED) { endJob(jobId: $id, status: $status) { id status finishedAt durationSeconds } }`;
const CONTROL = `mutation($v: ID!, $a: ScooterAction!) { scooterControl(vehicleId: $v, action: $a) { id vehicleId action ok message outcome repairId at answeredAt operator { login } } }`;
const CARD = `query($v: ID!) { scooter(vehicleId: $v) {
  vehicleId mileageKm firmware { block version } brokenComment tags
  activeRepair { id } lastRepair { id mileageAtStartKm } mileageSinceLastRepairKm
  repairs(first: 5) { id status performer { login } jobs { type { code } variant status } } } }`;

let counter = 0;
const uid = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

describe("repairs, the vehicle card and scooter control", () => {
  const stack = new Stack();
  before(() => stack.start());
  after(() => stack.stop());
  beforeEach(async () => {
    await stack.reset();
    await stack.operator("mech_oleg", ["REPAIRER"], "wh-1");
    await stack.operator("mech_lena", ["REPAIRER"], "wh-2");
  });

  it("a mechanic's whole repair: start, three jobs, a control command, end; history, card and log show it", async () => {
    const drive = stack.emulators.drive;
    const repairId = uid("r");
    const started = (await stack.ok(START, { input: { repairId, vehicleId: "sc-1001" } }, MECH)).startRepair;
    assert.equal(started.status, "PERFORMING");
    assert.equal(started.placeId, "wh-1", "the operator's own warehouse");
    assert.equal(started.mileageAtStartKm, 487.5);
    assert.equal(started.performer.login, "mech_oleg");
    assert.equal(started.finishedAt, null);
    assert.equal(started.durationSeconds, null);
    const { me } = await stack.ok(`{ me { state repair { id vehicleId } } }`, {}, MECH);
    assert.deepEqual(me, { state: "REPAIR", repair: { id: repairId, vehicleId: "sc-1001" } });

    const jobs = [
      { type: "BRAKE_ADJUSTMENT", variant: null, end: "COMPLETED" },
      { type: "FENDERS", variant: "REPLACE", end: "COMPLETED" },
      { type: "GRIPS", variant: "clean", end: "FAILED" },
    ];
    for (const job of jobs) {
      const jobId = uid("j");
      const startedJob: any = (await stack.ok(START_JOB, { input: { repairId, jobId, type: job.type, variant: job.variant } }, MECH)).startJob;
      assert.deepEqual([startedJob.status, startedJob.repairId, startedJob.type.code], ["PERFORMING", repairId, job.type]);
      assert.equal(startedJob.variant, job.variant?.toUpperCase() ?? null);
      const ended: any = (await stack.ok(END_JOB, { id: jobId, status: job.end }, MECH)).endJob;
      assert.equal(ended.status, job.end);
      assert.ok(ended.finishedAt && ended.durationSeconds >= 0);
    }
    const control = (await stack.ok(CONTROL, { v: "sc-1001", a: "BLINK_LIGHT" }, MECH)).scooterControl;
    assert.deepEqual([control.ok, control.outcome, control.repairId, control.operator.login], [true, "OK", repairId, "mech_oleg"]);
    assert.deepEqual(
      drive.calls("carControl").map((c) => c.body),
      [{ car_id: "sc-1001", action: "blink" }],
    );

    const ended = (await stack.ok(END, { id: repairId }, MECH)).endRepair;
    assert.equal(ended.status, "COMPLETED");
    assert.ok(ended.finishedAt);
    assert.ok(ended.durationSeconds >= 0);
    assert.deepEqual(
      ended.jobs.map((j: any) => [j.type.code, j.status]),
      [
        ["BRAKE_ADJUSTMENT", "COMPLETED"],
        ["FENDERS", "COMPLETED"],
        ["GRIPS", "FAILED"],
      ],
    );
    assert.equal(ended.jobs[0].type.title, "Регулировка тормозов");
    assert.equal((await stack.ok(`{ me { state repair { id } } }`, {}, MECH)).me.state, "NONE");

    drive.car("sc-1001")!.mileage_km += 12.5;
    const card = (await stack.ok(CARD, { v: "sc-1001" }, MECH)).scooter;
    assert.equal(card.mileageKm, 500);
    assert.equal(card.brokenComment, "тормоза не держат, скрипит заднее крыло");
    assert.deepEqual(card.tags, ["broken"]);
    assert.equal(card.firmware.length, 4);
    assert.deepEqual(card.firmware[0], { block: "dashboard", version: "2.1.0" });
    assert.equal(card.activeRepair, null);
    assert.deepEqual(card.lastRepair, { id: repairId, mileageAtStartKm: 487.5 });
    assert.equal(card.mileageSinceLastRepairKm, 12.5);
    assert.equal(card.repairs[0].performer.login, "mech_oleg");
    assert.deepEqual(card.repairs[0].jobs[1], { type: { code: "FENDERS" }, variant: "REPLACE", status: "COMPLETED" });

    const history = (await stack.ok(`{ repairHistory(vehicleId: "sc-1001") { id status } }`, {}, MECH)).repairHistory;
    assert.deepEqual(history, [{ id: repairId, status: "COMPLETED" }]);
    const log = (await stack.ok(`{ controlLog(vehicleId: "sc-1001") { action ok outcome operator { login } } }`, {}, MECH)).controlLog;
    assert.deepEqual(log, [{ action: "BLINK_LIGHT", ok: true, outcome: "OK", operator: { login: "mech_oleg" } }]);
    const byId = (await stack.ok(`query($id: ID!) { repair(id: $id) { id status jobs { id } } }`, { id: repairId }, AS_ADMIN)).repair;
    assert.equal(byId.jobs.length, 3);
    assert.equal((await stack.ok(`{ repair(id: "no-such-repair") { id } }`, {}, MECH)).repair, null);
  });

  it("idempotency tokens: a repeated call returns the same object; the same token with other data is CONFLICT", async () => {
    const repairId = uid("r");
    const a = (await stack.ok(START, { input: { repairId, vehicleId: "sc-1002" } }, MECH)).startRepair;
    const b = (await stack.ok(START, { input: { repairId, vehicleId: "sc-1002" } }, MECH)).startRepair;
    assert.deepEqual(a, b);
    const other = await stack.gql(START, { input: { repairId, vehicleId: "sc-1003" } }, MECH);
    assert.equal(codeOf(other), "CONFLICT");
    assert.equal(codeOf(await stack.gql(START, { input: { repairId, vehicleId: "sc-1002", placeId: "wh-2" } }, MECH)), "CONFLICT");
    assert.equal(codeOf(await stack.gql(START, { input: { repairId, vehicleId: "sc-1002" } }, MECH2)), "CONFLICT");

    const jobId = uid("j");
    const j1 = (await stack.ok(START_JOB, { input: { repairId, jobId, type: "FENDERS", variant: "REPAIR" } }, MECH)).startJob;
    const j2 = (await stack.ok(START_JOB, { input: { repairId, jobId, type: "fenders", variant: "repair" } }, MECH)).startJob;
    assert.deepEqual(j1, j2);
    assert.equal(codeOf(await stack.gql(START_JOB, { input: { repairId, jobId, type: "FENDERS", variant: "REPLACE" } }, MECH)), "CONFLICT");

    const e1 = (await stack.ok(END_JOB, { id: jobId }, MECH)).endJob;
    const e2 = (await stack.ok(END_JOB, { id: jobId, status: "COMPLETED" }, MECH)).endJob;
    assert.deepEqual(e1, e2, "ending an ended job with the same status returns it unchanged");
    assert.equal(codeOf(await stack.gql(END_JOB, { id: jobId, status: "FAILED" }, MECH)), "CONFLICT");

    const r1 = (await stack.ok(END, { id: repairId }, MECH)).endRepair;
    const r2 = (await stack.ok(END, { id: repairId }, MECH)).endRepair;
    assert.deepEqual(r1, r2);
    assert.equal(codeOf(await stack.gql(END, { id: repairId, status: "CANCELLED" }, MECH)), "CONFLICT");
    // an ended repair's token still answers with the same repair
    assert.equal((await stack.ok(START, { input: { repairId, vehicleId: "sc-1002" } }, MECH)).startRepair.status, "COMPLETED");
  });

  it("one performing repair per performer and per vehicle, CONFLICT naming the repair that blocks", async () => {
    const first = uid("r");
    await stack.ok(START, { input: { repairId: first, vehicleId: "sc-1001" } }, MECH);
    const second = await stack.gql(START, { input: { repairId: uid("r"), vehicleId: "sc-1002" } }, MECH);
    assert.equal(codeOf(second), "CONFLICT");
    assert.match(second.errors![0].message, new RegExp(`repairing sc-1001 \\(repair ${first}\\)`));
    const taken = await stack.gql(START, { input: { repairId: uid("r"), vehicleId: "sc-1001" } }, MECH2);
    assert.equal(codeOf(taken), "CONFLICT");
    assert.match(taken.errors![0].message, new RegExp(`sc-1001 is already under repair ${first} by mech_oleg`));
    await stack.ok(END, { id: first, status: "CANCELLED" }, MECH);
    await stack.ok(START, { input: { repairId: uid("r"), vehicleId: "sc-1001" } }, MECH2);
  });

  it("COMPLETED only when no job performs; CANCELLED and FAILED end the performing job with the same status", async () => {
    for (const status of ["CANCELLED", "FAILED"]) {
      const repairId = uid("r");
      const jobId = uid("j");
      await stack.ok(START, { input: { repairId, vehicleId: "sc-1003" } }, MECH);
      await stack.ok(START_JOB, { input: { repairId, jobId, type: "KICKSTAND", variant: "REPAIR" } }, MECH);
      const blocked: any = await stack.gql(END, { id: repairId }, MECH);
      assert.equal(codeOf(blocked), "CONFLICT");
      assert.match(blocked.errors![0].message, new RegExp(`KICKSTAND \\(${jobId}\\) is still running`));
      const ended: any = (await stack.ok(END, { id: repairId, status }, MECH)).endRepair;
      assert.equal(ended.status, status);
      assert.equal(ended.jobs[0].status, status);
      assert.equal(ended.jobs[0].finishedAt, ended.finishedAt);
    }
  });

  it("one performing job per repair; no job in an ended repair; NOT_FOUND for unknown repairs and jobs", async () => {
    const repairId = uid("r");
    const running = uid("j");
    await stack.ok(START, { input: { repairId, vehicleId: "sc-1004" } }, MECH);
    await stack.ok(START_JOB, { input: { repairId, jobId: running, type: "WRAPPING" } }, MECH);
    const second = await stack.gql(START_JOB, { input: { repairId, jobId: uid("j"), type: "REFLECTORS", variant: "REPLACE" } }, MECH);
    assert.equal(codeOf(second), "CONFLICT");
    assert.match(second.errors![0].message, new RegExp(running));
    await stack.ok(END, { id: repairId, status: "CANCELLED" }, MECH);
    assert.equal(codeOf(await stack.gql(START_JOB, { input: { repairId, jobId: uid("j"), type: "WRAPPING" } }, MECH)), "INVALID_STATE");

    assert.equal(codeOf(await stack.gql(END, { id: "nope" }, MECH)), "NOT_FOUND");
    assert.equal(codeOf(await stack.gql(END_JOB, { id: "nope" }, MECH)), "NOT_FOUND");
    assert.equal(codeOf(await stack.gql(START_JOB, { input: { repairId: "nope", jobId: uid("j"), type: "WRAPPING" } }, MECH)), "NOT_FOUND");
    assert.equal(codeOf(await stack.gql(END, { id: repairId, status: "PERFORMING" }, MECH)), "BAD_USER_INPUT");
  });

  it("job types: the seeded catalogue in Russian or English, variants checked, retired types readable but not startable", async () => {
    const ru = (await stack.ok(`{ jobTypes { code title variants active } }`, {}, MECH)).jobTypes;
    assert.equal(ru.length, 10);
    assert.deepEqual(
      ru.find((t: any) => t.code === "STEM_PLAY"),
      { code: "STEM_PLAY", title: "Люфт стойки", variants: ["TIGHTEN", "REPLACE_BEARING"], active: true },
    );
    const en = await stack.gql(`{ jobTypes { code title } }`, {}, MECH, { "accept-language": "en-GB,en;q=0.9" });
    assert.equal(en.data.jobTypes.find((t: any) => t.code === "GRIPS").title, "Grips");

    const repairId = uid("r");
    await stack.ok(START, { input: { repairId, vehicleId: "sc-1005" } }, MECH);
    for (const input of [
      { type: "TELEPORT" },
      { type: "FENDERS" },
      { type: "FENDERS", variant: "PAINT" },
      { type: "WRAPPING", variant: "REPLACE" },
      { type: "" },
    ]) {
      const r: any = await stack.gql(START_JOB, { input: { repairId, jobId: uid("j"), ...input } }, MECH);
      assert.equal(codeOf(r), "BAD_USER_INPUT", JSON.stringify(input));
    }

    const jobId = uid("j");
    await stack.ok(START_JOB, { input: { repairId, jobId, type: "WRAPPING" } }, MECH);
    await stack.ok(END_JOB, { id: jobId }, MECH);
    const retired = (
      await stack.ok(`mutation { upsertJobType(input: { code: "WRAPPING", titleRu: "Оклейка", active: false }) { code active variants } }`, {}, AS_ADMIN)
    ).upsertJobType;
    assert.deepEqual(retired, { code: "WRAPPING", active: false, variants: [] });
    const refused = await stack.gql(START_JOB, { input: { repairId, jobId: uid("j"), type: "WRAPPING" } }, MECH);
    assert.equal(codeOf(refused), "BAD_USER_INPUT");
    assert.match(refused.errors![0].message, /retired/);
    const history = (await stack.ok(`query($id: ID!) { repair(id: $id) { jobs { type { code title active } } } }`, { id: repairId }, MECH)).repair;
    assert.deepEqual(history.jobs[0].type, { code: "WRAPPING", title: "Оклейка", active: false });

    const added = (
      await stack.ok(
        `mutation { upsertJobType(input: { code: "battery_swap", titleRu: "Замена батареи", titleEn: "Battery swap", variants: ["replace"] }) { code title variants active } }`,
        {},
        AS_ADMIN,
      )
    ).upsertJobType;
    assert.deepEqual(added, { code: "BATTERY_SWAP", title: "Замена батареи", variants: ["REPLACE"], active: true });
    assert.equal(codeOf(await stack.gql(`mutation { upsertJobType(input: { code: "BAD CODE", titleRu: "x" }) { code } }`, {}, AS_ADMIN)), "BAD_USER_INPUT");
    assert.equal(codeOf(await stack.gql(`mutation { upsertJobType(input: { code: "OK_CODE", titleRu: " " }) { code } }`, {}, AS_ADMIN)), "BAD_USER_INPUT");
    assert.equal(codeOf(await stack.gql(`mutation { upsertJobType(input: { code: "X", titleRu: "x" }) { code } }`, {}, MECH)), "FORBIDDEN");
  });

  it("places: the operator's own by default, validated with scooters-misc when given, asked for when missing", async () => {
    await stack.operator("mech_new", ["REPAIRER"]);
    const noPlace = await stack.gql(START, { input: { repairId: uid("r"), vehicleId: "sc-1006" } }, { jwt: "mech_new" });
    assert.equal(codeOf(noPlace), "BAD_USER_INPUT");
    assert.match(noPlace.errors![0].message, /warehouse/);
    const unknown = await stack.gql(START, { input: { repairId: uid("r"), vehicleId: "sc-1006", placeId: "wh-404" } }, { jwt: "mech_new" });
    assert.equal(codeOf(unknown), "BAD_USER_INPUT");
    await stack.emulators.scootersMisc.setFault({ refuse: true });
    assert.equal(
      codeOf(await stack.gql(START, { input: { repairId: uid("r"), vehicleId: "sc-1006", placeId: "wh-3" } }, { jwt: "mech_new" })),
      "UPSTREAM_UNAVAILABLE",
    );
    await stack.emulators.scootersMisc.clearFault();
    const given = (await stack.ok(START, { input: { repairId: uid("r"), vehicleId: "sc-1006", placeId: "wh-3" } }, { jwt: "mech_new" })).startRepair;
    assert.equal(given.placeId, "wh-3");
    assert.equal(codeOf(await stack.gql(START, { input: { repairId: uid("r"), vehicleId: "sc-9999" } }, MECH)), "BAD_USER_INPUT");
  });

  it("a repair starts when Drive does not answer; the mileage is filled in when Drive is back", async () => {
    const drive = stack.emulators.drive;
    await drive.setFault({ status: 503 });
    const repairId = uid("r");
    // typed in capitals with a Cyrillic С: recorded in the fleet's form, so no other spelling is a second repair of it
    const started = (await stack.ok(START, { input: { repairId, vehicleId: "SС-1007" } }, MECH)).startRepair;
    assert.equal(started.status, "PERFORMING");
    assert.equal(started.mileageAtStartKm, null);
    assert.equal(started.vehicleId, "sc-1007");
    const second = await stack.gql(START, { input: { repairId: uid("r"), vehicleId: "Sc-1007" } }, MECH2);
    assert.equal(codeOf(second), "CONFLICT", "the same vehicle, another spelling, still down: one performing repair");
    // a repair of an id Drive refuses does not keep the others from their mileage
    await stack.gateway.orm.em
      .fork()
      .execute(
        `insert into "repair" ("id", "vehicle_id", "place_id", "performer_login", "status", "started_at", "finished_at") values (?, 'bad/1', 'wh-1', 'boss', 'COMPLETED', now(), now())`,
        [uid("r")],
      );
    await drive.clearFault();
    const filled = await eventually(
      async () => {
        const { repair } = await stack.ok(`query($id: ID!) { repair(id: $id) { mileageAtStartKm } }`, { id: repairId }, MECH);
        return repair.mileageAtStartKm;
      },
      5000,
      "mileage filled in",
    );
    assert.equal(filled, 350 + 7 * 137.5);
  });

  it("the mileage filler asks Drive once for a vehicle it has no car for, not on every tick for a week", async () => {
    const drive = stack.emulators.drive;
    await stack.gateway.orm.em
      .fork()
      .execute(
        `insert into "repair" ("id", "vehicle_id", "place_id", "performer_login", "status", "started_at") values (?, 'sc-gone', 'wh-1', 'boss', 'PERFORMING', now())`,
        [uid("r")],
      );
    const askedForIt = () => drive.calls("carDetails").filter((c) => c.query.car_id.split(",").includes("sc-gone")).length;
    await eventually(() => Promise.resolve(askedForIt() > 0), 5000, "asked once");
    await new Promise((resolve) => setTimeout(resolve, 1500)); // six ticks of the filler (250 ms here)
    assert.equal(askedForIt(), 1);
  });

  it("an admin's command to a vehicle typed in capitals reaches it as Drive spells it, and is in its log", async () => {
    const sent = (await stack.ok(CONTROL, { v: "SC-1003", a: "BLINK_LIGHT" }, AS_ADMIN)).scooterControl;
    assert.deepEqual([sent.vehicleId, sent.outcome], ["sc-1003", "OK"]);
    const { controlLog } = await stack.ok(`{ controlLog(vehicleId: "sc-1003") { action outcome } }`, {}, AS_ADMIN);
    assert.deepEqual(controlLog, [{ action: "BLINK_LIGHT", outcome: "OK" }]);
  });

  it("twenty concurrent startRepair for one performer end with exactly one repair", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => stack.gql(START, { input: { repairId: uid("race"), vehicleId: `sc-${1001 + (i % 10)}` } }, MECH)),
    );
    assert.equal(results.filter((r) => !r.errors).length, 1, JSON.stringify(results.map(codeOf)));
    assert.ok(
      results.filter((r) => r.errors).every((r) => codeOf(r) === "CONFLICT"),
      JSON.stringify(results.map((r) => r.errors?.[0]?.message)),
    );
    const count = await stack.gateway.orm.em.fork().execute(`select count(*)::int as n from repair where performer_login = 'mech_oleg'`);
    assert.equal(count[0].n, 1);
  });

  it("twenty identical startRepair calls at once return the same repair", async () => {
    const repairId = uid("same");
    const results = await Promise.all(Array.from({ length: 20 }, () => stack.gql(START, { input: { repairId, vehicleId: "sc-1008" } }, MECH)));
    assert.ok(
      results.every((r) => !r.errors && r.data.startRepair.id === repairId),
      JSON.stringify(results.map(codeOf)),
    );
    assert.equal(new Set(results.map((r) => r.data.startRepair.startedAt)).size, 1);
  });

  it("many mechanics racing for one vehicle: exactly one wins, the rest are told who has it", async () => {
    const mechanics: As[] = [];
    for (let i = 0; i < 8; i++) {
      await stack.operator(`mech_race_${i}`, ["REPAIRER"], "wh-1");
      mechanics.push({ jwt: `mech_race_${i}` });
    }
    const results = await Promise.all(mechanics.map((as) => stack.gql(START, { input: { repairId: uid("v"), vehicleId: "sc-1009" } }, as)));
    const winners = results.filter((r) => !r.errors);
    assert.equal(winners.length, 1, JSON.stringify(results.map((r) => r.errors?.[0]?.message)));
    for (const loser of results.filter((r) => r.errors)) {
      assert.equal(codeOf(loser), "CONFLICT");
      assert.match(loser.errors![0].message, new RegExp(`under repair ${winners[0].data.startRepair.id}`));
    }
  });

  it("twenty concurrent startJob in one repair: one performing job; racing ends agree", async () => {
    const repairId = uid("r");
    await stack.ok(START, { input: { repairId, vehicleId: "sc-1010" } }, MECH);
    const jobs = await Promise.all(
      Array.from({ length: 20 }, () => stack.gql(START_JOB, { input: { repairId, jobId: uid("j"), type: "BRAKE_ADJUSTMENT" } }, MECH)),
    );
    const started = jobs.filter((r) => !r.errors);
    assert.equal(started.length, 1);
    assert.ok(jobs.filter((r) => r.errors).every((r) => codeOf(r) === "CONFLICT"));
    const ends = await Promise.all(["COMPLETED", "FAILED", "COMPLETED", "CANCELLED"].map((status) => stack.gql(END, { id: repairId, status }, MECH)));
    const ok = ends.filter((r) => !r.errors);
    assert.ok(ok.length >= 1);
    assert.equal(new Set(ok.map((r) => r.data.endRepair.status)).size, 1, "every success reports the one final status");
    assert.ok(ends.filter((r) => r.errors).every((r) => codeOf(r) === "CONFLICT"));
  });

  it("roles: keepers cannot repair; a repairer cannot end another's repair; an admin can", async () => {
    await stack.operator("keeper_k", ["ACCUMULATOR_KEEPER"]);
    const keeper = await stack.gql(START, { input: { repairId: uid("r"), vehicleId: "sc-1001" } }, { jwt: "keeper_k" });
    assert.equal(codeOf(keeper), "FORBIDDEN", JSON.stringify(keeper.errors));
    const repairId = uid("r");
    await stack.ok(START, { input: { repairId, vehicleId: "sc-1001" } }, MECH);
    assert.equal(codeOf(await stack.gql(END, { id: repairId }, MECH2)), "FORBIDDEN");
    assert.equal(codeOf(await stack.gql(START_JOB, { input: { repairId, jobId: uid("j"), type: "WRAPPING" } }, MECH2)), "FORBIDDEN");
    assert.equal((await stack.ok(END, { id: repairId, status: "CANCELLED" }, AS_ADMIN)).endRepair.status, "CANCELLED");
    assert.equal((await stack.ok(`{ me { state } }`, {}, MECH)).me.state, "NONE", "the performer's session is freed");
  });
});

describe("vehicle cards and control, against Drive's faults", () => {
  const stack = new Stack();
  before(() => stack.start());
  after(() => stack.stop());
  beforeEach(async () => {
    await stack.reset();
    await stack.operator("mech_oleg", ["REPAIRER"], "wh-1");
  });

  it("scooters asks Drive once per 50 distinct vehicles, however often a vehicle is named", async () => {
    const drive = stack.emulators.drive;
    const ids = Array.from({ length: 12 }, (_, i) => `sc-${1001 + i}`);
    const twelve = (await stack.ok(`query($ids: [ID!]!) { scooters(vehicleIds: $ids) { vehicleId } }`, { ids: [...ids, ...ids, "sc-1001"] }, MECH)).scooters;
    assert.equal(twelve.length, 25);
    assert.equal(drive.calls("carDetails").length, 1);
    assert.equal(drive.calls("carDetails")[0].query.car_id.split(",").length, 12);

    drive.journal.length = 0;
    const many = Array.from({ length: 120 }, (_, i) => `sc-${1001 + i}`);
    const found = (await stack.ok(`query($ids: [ID!]!) { scooters(vehicleIds: $ids) { vehicleId error { code } } }`, { ids: many }, MECH)).scooters;
    assert.equal(found.length, 120, "one entry per id asked, in order");
    assert.deepEqual(
      found.map((s: any) => s.vehicleId),
      many,
    );
    assert.equal(found.filter((s: any) => s.error === null).length, 12, "vehicles Drive does not know are entries with an error");
    assert.deepEqual(
      drive.calls("carDetails").map((c) => c.query.car_id.split(",").length),
      [50, 50, 20],
    );

    drive.journal.length = 0;
    await stack.ok(
      `{ a: scooter(vehicleId: "sc-1002") { mileageKm } b: scooter(vehicleId: "sc-1002") { firmware { block } } c: scooter(vehicleId: "sc-1003") { vehicleId } }`,
      {},
      MECH,
    );
    assert.equal(drive.calls("carDetails").length, 1);
    assert.equal(drive.calls("carDetails")[0].query.car_id, "sc-1002,sc-1003");
  });

  it("local history of many vehicles costs the same few queries as of one (no N+1)", async () => {
    for (let i = 0; i < 6; i++) {
      const as: As = { jwt: `mech_n${i}` };
      await stack.operator(`mech_n${i}`, ["REPAIRER"], "wh-1");
      const repairId = uid("n");
      await stack.ok(START, { input: { repairId, vehicleId: `sc-${1001 + i}` } }, as);
      await stack.ok(START_JOB, { input: { repairId, jobId: uid("j"), type: "BRAKE_ADJUSTMENT" } }, as);
      if (i % 2 === 0) await stack.ok(END, { id: repairId, status: "FAILED" }, as);
    }
    const knex = stack.gateway.orm.em.getConnection().getKnex();
    let queries = 0;
    const count = () => queries++;
    knex.on("query", count);
    const measure = async (ids: string[]) => {
      queries = 0;
      const r = await stack.ok(
        `query($ids: [ID!]!) { scooters(vehicleIds: $ids) { vehicleId activeRepair { id jobs { type { title } } } lastRepair { id } mileageSinceLastRepairKm repairs { performer { login } jobs { type { code } } } } }`,
        { ids },
        MECH,
      );
      assert.equal(r.scooters.length, ids.length);
      return queries;
    };
    try {
      const one = await measure(["sc-1001"]);
      const six = await measure(Array.from({ length: 6 }, (_, i) => `sc-${1001 + i}`));
      const twelve = await measure(Array.from({ length: 12 }, (_, i) => `sc-${1001 + i}`));
      assert.ok(six <= one + 1 && twelve <= one + 1, `queries: one=${one} six=${six} twelve=${twelve}`);
      assert.ok(twelve <= 10, `queries for 12 cards: ${twelve}`);
    } finally {
      knex.off("query", count);
    }
  });

  it("a card's performing, last completed and newest repairs come from one statement, per vehicle and page size", async () => {
    const as: As = MECH;
    const repairOf = async (vehicleId: string, status: "COMPLETED" | "FAILED" | null) => {
      const repairId = uid("p");
      await stack.ok(START, { input: { repairId, vehicleId } }, as);
      if (status) await stack.ok(END, { id: repairId, status }, as);
      return repairId;
    };
    const a1 = await repairOf("sc-1007", "COMPLETED");
    const a2 = await repairOf("sc-1007", "COMPLETED");
    const a3 = await repairOf("sc-1007", "FAILED");
    const b1 = await repairOf("sc-1008", "FAILED");
    const a4 = await repairOf("sc-1007", null);
    for (const [n, type] of ["FENDERS", "BRAKE_ADJUSTMENT", "FENDERS"].entries()) {
      const jobId = uid("j");
      await stack.ok(START_JOB, { input: { repairId: a4, jobId, type, variant: type === "FENDERS" ? "REPAIR" : null } }, as);
      if (n < 2) await stack.ok(END_JOB, { id: jobId }, as);
    }
    // every statement the driver sends, whoever sends it (the ORM or the plain statements)
    const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const query = prototype.query;
    const statements: string[] = [];
    prototype.query = function (this: unknown, ...args: unknown[]) {
      const config = args[0] as string | { text: string };
      statements.push(typeof config === "string" ? config : config.text);
      return query.apply(this, args);
    };
    let cards;
    try {
      cards = (
        await stack.ok(
          `query($ids: [ID!]!) { scooters(vehicleIds: $ids) { vehicleId activeRepair { id } lastRepair { id } two: repairs(first: 2) { id } all: repairs { id jobs { type { code title } } } } }`,
          { ids: ["sc-1007", "sc-1008", "sc-1009"] },
          as,
        )
      ).scooters;
    } finally {
      prototype.query = query;
    }
    assert.deepEqual(
      cards.map((c: any) => [c.vehicleId, c.activeRepair?.id ?? null, c.lastRepair?.id ?? null, c.two.map((r: any) => r.id), c.all.map((r: any) => r.id)]),
      [
        ["sc-1007", a4, a2, [a4, a3], [a4, a3, a2, a1]],
        ["sc-1008", null, null, [b1], [b1]],
        ["sc-1009", null, null, [], []],
      ],
    );
    // who is calling, then the three vehicles' repairs: one statement for all of them
    assert.equal(statements.filter((s) => /"repair"/.test(s)).length, 1, statements.join("\n"));
    // their jobs with the jobs' types: one more, the titles read with the jobs
    assert.deepEqual(
      cards[0].all[0].jobs.map((j: any) => [j.type.code, j.type.title]),
      [
        ["FENDERS", "Крылья"],
        ["BRAKE_ADJUSTMENT", "Регулировка тормозов"],
        ["FENDERS", "Крылья"],
      ],
    );
    assert.equal(statements.filter((s) => /"repair_job"|"job_type"/.test(s)).length, 1, statements.join("\n"));
  });

  it("the card: NOT_FOUND for an unknown vehicle, UPSTREAM_UNAVAILABLE when Drive is down", async () => {
    assert.equal(codeOf(await stack.gql(CARD, { v: "sc-0000" }, MECH)), "NOT_FOUND");
    await stack.emulators.drive.setFault({ refuse: true });
    const down = await stack.gql(CARD, { v: "sc-1001" }, MECH);
    assert.equal(codeOf(down), "UPSTREAM_UNAVAILABLE");
    assert.equal(down.errors![0].extensions!.upstream.service, "drive");
  });

  it("control is FORBIDDEN, with nothing sent or logged, outside the mechanic's performing repair", async () => {
    const drive = stack.emulators.drive;
    const none = await stack.gql(CONTROL, { v: "sc-1001", a: "OPEN_LOCK" }, MECH);
    assert.equal(codeOf(none), "FORBIDDEN");
    assert.match(none.errors![0].message, /no repair in progress/);
    await stack.ok(START, { input: { repairId: uid("r"), vehicleId: "sc-1001" } }, MECH);
    const other = await stack.gql(CONTROL, { v: "sc-1002", a: "OPEN_LOCK" }, MECH);
    assert.equal(codeOf(other), "FORBIDDEN");
    assert.match(other.errors![0].message, /repairing sc-1001/);
    await stack.operator("keeper_k", ["ACCUMULATOR_KEEPER"]);
    assert.equal(codeOf(await stack.gql(CONTROL, { v: "sc-1001", a: "OPEN_LOCK" }, { jwt: "keeper_k" })), "FORBIDDEN");
    assert.equal(drive.calls("carControl").length, 0);
    assert.deepEqual((await stack.ok(`{ controlLog(vehicleId: "sc-1002") { id } }`, {}, AS_ADMIN)).controlLog, []);

    const admin = (await stack.ok(CONTROL, { v: "sc-1002", a: "UNBLOCK_WHEEL" }, AS_ADMIN)).scooterControl;
    assert.deepEqual([admin.ok, admin.repairId], [true, null]);
  });

  it("Drive answering failed, down, slow or unknown vehicle: logged with the reason, never retried", async () => {
    const drive = stack.emulators.drive;
    await stack.ok(START, { input: { repairId: uid("r"), vehicleId: "sc-1003" } }, MECH);
    drive.car("sc-1003")!.controlFailure = "deck motor jammed";
    const failed = (await stack.ok(CONTROL, { v: "sc-1003", a: "OPEN_DECK" }, MECH)).scooterControl;
    assert.deepEqual([failed.ok, failed.outcome, failed.message], [false, "FAILED", "deck motor jammed"]);
    drive.car("sc-1003")!.controlFailure = undefined;

    await drive.setFault({ status: 503 });
    const down = (await stack.ok(CONTROL, { v: "sc-1003", a: "SELF_TEST" }, MECH)).scooterControl;
    assert.deepEqual([down.ok, down.outcome], [false, "NO_ANSWER"]);
    assert.match(down.message, /HTTP 503.*may or may not have run/);
    assert.equal(drive.calls("carControl").filter((c) => c.status === 503).length, 1, "a command is never retried");

    await drive.setFault({ delayMs: 300 });
    const pending = stack.gql(CONTROL, { v: "sc-1003", a: "BLOCK_WHEEL" }, MECH);
    const written = await eventually(
      async () => {
        const { controlLog } = await stack.ok(`{ controlLog(vehicleId: "sc-1003", first: 1) { action outcome answeredAt } }`, {}, MECH);
        return controlLog[0]?.action === "BLOCK_WHEEL" ? controlLog[0] : null;
      },
      2000,
      "the log row before Drive answers",
    );
    assert.deepEqual(written, { action: "BLOCK_WHEEL", outcome: "SENT", answeredAt: null });
    assert.equal((await pending).data.scooterControl.outcome, "OK");

    await drive.setFault({ delayMs: 800 });
    const slow = (await stack.ok(CONTROL, { v: "sc-1003", a: "BLOCK_WHEEL" }, MECH)).scooterControl;
    assert.equal(slow.outcome, "NO_ANSWER");
    assert.match(slow.message, /no answer within 400 ms/);
    await drive.clearFault();

    const unknown = (await stack.ok(CONTROL, { v: "sc-7777", a: "BLINK_LIGHT" }, AS_ADMIN)).scooterControl;
    assert.deepEqual([unknown.ok, unknown.outcome], [false, "FAILED"]);
    assert.match(unknown.message, /does not know vehicle sc-7777/);

    const log = (await stack.ok(`{ controlLog(vehicleId: "sc-1003") { action outcome } }`, {}, MECH)).controlLog;
    assert.deepEqual(
      log.map((l: any) => `${l.action}:${l.outcome}`),
      ["BLOCK_WHEEL:NO_ANSWER", "BLOCK_WHEEL:OK", "SELF_TEST:NO_ANSWER", "OPEN_DECK:FAILED"],
    );
  });
});
