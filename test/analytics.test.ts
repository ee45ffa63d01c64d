import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parseCsv } from "./support/csv";
import { ADMIN, codeOf, gqlAt, headersFor, type GqlResponse, signJwt, Stack, type As } from "./support/stack";

const MANAGER: As = { jwt: "mgr_olga" };
const AS_ADMIN: As = { jwt: ADMIN };
const REPAIRER: As = { jwt: "mech_a" };
const KEEPER: As = { jwt: "keeper_ivan" };
const MARCH = { from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z" };

/**
 * The fixture, by hand (times UTC; Moscow is UTC+3):
 *  R1 sc-1 wh-1 mech_a COMPLETED 03-01 22:30→23:30 (3600 s; in Moscow 03-02 01:30), 100 km
 *     J1 BRAKE_CABLE COMPLETED 1200 s · J2 FENDERS/REPLACE FAILED 600 s
 *  R2 sc-1 wh-1 mech_a FAILED 03-05 10:00→12:00 (7200 s), 250 km · J3 BRAKE_CABLE FAILED 1800 s
 *  R3 sc-2 wh-2 mech_b CANCELLED 03-01 20:00→21:00 (3600 s; Moscow 03-01 23:00), no mileage · J4 GRIPS CANCELLED 3000 s
 *  R4 sc-3 wh-2 mech_b PERFORMING since 03-10 09:00, 40 km · J5 FENDERS COMPLETED 1200 s · J6 KICKSTAND PERFORMING
 *  R5 sc-1 wh-1 mech_a COMPLETED 03-09 08:00→09:30 (5400 s), 400 km · J7 BRAKE_CABLE COMPLETED 2400 s
 * and, for paging only, P1..P5 on sc-9 in June 2025, all COMPLETED, all started at the same microsecond.
 */
const REPAIRS: [string, string, string, string, string, string, string | null, number | null][] = [
  ["R1", "sc-1", "wh-1", "mech_a", "COMPLETED", "2026-03-01T22:30:00Z", "2026-03-01T23:30:00Z", 100],
  ["R2", "sc-1", "wh-1", "mech_a", "FAILED", "2026-03-05T10:00:00Z", "2026-03-05T12:00:00Z", 250],
  ["R3", "sc-2", "wh-2", "mech_b", "CANCELLED", "2026-03-01T20:00:00Z", "2026-03-01T21:00:00Z", null],
  ["R4", "sc-3", "wh-2", "mech_b", "PERFORMING", "2026-03-10T09:00:00Z", null, 40],
  ["R5", "sc-1", "wh-1", "mech_a", "COMPLETED", "2026-03-09T08:00:00Z", "2026-03-09T09:30:00Z", 400],
  ...[1, 2, 3, 4, 5].map(
    (n) =>
      [`P${n}`, "sc-9", "wh-3", "mech_a", "COMPLETED", "2025-06-01T10:00:00.123456Z", "2025-06-01T11:00:00Z", null] as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        null,
      ],
  ),
];
const JOBS: [string, string, string, string | null, string, string, string | null][] = [
  ["J1", "R1", "BRAKE_CABLE", null, "COMPLETED", "2026-03-01T22:35:00Z", "2026-03-01T22:55:00Z"],
  ["J2", "R1", "FENDERS", "REPLACE", "FAILED", "2026-03-01T23:00:00Z", "2026-03-01T23:10:00Z"],
  ["J3", "R2", "BRAKE_CABLE", null, "FAILED", "2026-03-05T10:00:00Z", "2026-03-05T10:30:00Z"],
  ["J4", "R3", "GRIPS", "CLEAN", "CANCELLED", "2026-03-01T20:05:00Z", "2026-03-01T20:55:00Z"],
  ["J5", "R4", "FENDERS", "REPAIR", "COMPLETED", "2026-03-10T09:00:00Z", "2026-03-10T09:20:00Z"],
  ["J6", "R4", "KICKSTAND", null, "PERFORMING", "2026-03-10T09:30:00Z", null],
  ["J7", "R5", "BRAKE_CABLE", null, "COMPLETED", "2026-03-09T08:00:00Z", "2026-03-09T08:40:00Z"],
];

const STATS = `query($filter: RepairFilter, $g: RepairGrouping!) { repairStats(filter: $filter, groupBy: $g) {
  key title repairs performing completed failed cancelled failureShare cancellationShare
  repairTime { count totalSeconds averageSeconds medianSeconds p90Seconds }
  jobs jobsPerforming jobsCompleted jobsFailed jobsCancelled jobFailureShare
  jobTime { count totalSeconds averageSeconds medianSeconds p90Seconds } daysInRepair kmBetweenRepairs } }`;
const SUMMARY = `query($filter: RepairFilter) { fleetSummary(filter: $filter) { repairsFinished medianRepairSeconds vehiclesInRepairNow
  mostFrequentJobType { code title } slowestJobType { code } repairs performing failureShare jobs } }`;
const PAGE = `query($filter: RepairFilter, $first: Int, $after: String) { repairs(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status performer { login } jobs { id variant variantTitle type { code } } } } } }`;

/** Durations rounded to the microsecond: percentile_cont interpolates in floating point. */
const rounded = (stats: Record<string, number | null>) =>
  Object.fromEntries(Object.entries(stats).map(([k, v]) => [k, v === null ? null : Math.round(v * 1e6) / 1e6]));

const close = (actual: number | null, expected: number, what: string) => {
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-6, `${what}: ${actual} ≠ ${expected}`);
};

describe("repair analytics: numbers, time zone, pages, export and who may see them", () => {
  const stack = new Stack();
  before(async () => {
    await stack.start();
    await stack.operator("mech_a", ["REPAIRER"], "wh-1");
    await stack.operator("mech_b", ["REPAIRER"], "wh-2");
    await stack.operator("mgr_olga", ["MANAGER"]);
    await stack.operator("keeper_ivan", ["ACCUMULATOR_KEEPER"]);
    const em = stack.gateway.orm.em.fork();
    for (const [id, vehicle, place, performer, status, started, finished, km] of REPAIRS) {
      await em.execute(
        `insert into "repair" (id, vehicle_id, place_id, performer_login, status, started_at, finished_at, mileage_at_start_km) values (?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, vehicle, place, performer, status, started, finished, km],
      );
    }
    for (const [id, repair, type, variant, status, started, finished] of JOBS) {
      await em.execute(`insert into "repair_job" (id, repair_id, type_code, variant, status, started_at, finished_at) values (?, ?, ?, ?, ?, ?, ?)`, [
        id,
        repair,
        type,
        variant,
        status,
        started,
        finished,
      ]);
    }
  });
  after(() => stack.stop());

  it("fleetSummary: finished, median, in repair now, most frequent and slowest job type", async () => {
    const { fleetSummary } = await stack.ok(SUMMARY, { filter: MARCH }, MANAGER);
    assert.equal(fleetSummary.repairs, 5);
    assert.equal(fleetSummary.repairsFinished, 4);
    assert.equal(fleetSummary.performing, 1);
    close(fleetSummary.medianRepairSeconds, 4500, "median of 3600, 3600, 5400, 7200");
    close(fleetSummary.failureShare, 0.25, "1 failed of 4 ended");
    assert.equal(fleetSummary.vehiclesInRepairNow, 1);
    assert.equal(fleetSummary.jobs, 7);
    assert.deepEqual(fleetSummary.mostFrequentJobType, { code: "BRAKE_CABLE", title: "Порванный трос тормоза" });
    assert.deepEqual(fleetSummary.slowestJobType, { code: "GRIPS" }, "GRIPS' median 3000 s beats BRAKE_CABLE's 1800 s");

    const grips = (await stack.ok(SUMMARY, { filter: { ...MARCH, jobTypes: ["GRIPS"] } }, MANAGER)).fleetSummary;
    assert.deepEqual([grips.repairs, grips.repairsFinished, grips.jobs, grips.mostFrequentJobType.code], [1, 1, 1, "GRIPS"]);
  });

  it("an empty period: zeros and nulls, no rows; vehicles in repair now still counted", async () => {
    const filter = { from: "2025-01-01T00:00:00Z", to: "2025-02-01T00:00:00Z" };
    const { fleetSummary } = await stack.ok(SUMMARY, { filter }, AS_ADMIN);
    assert.deepEqual(fleetSummary, {
      repairsFinished: 0,
      medianRepairSeconds: null,
      vehiclesInRepairNow: 1,
      mostFrequentJobType: null,
      slowestJobType: null,
      repairs: 0,
      performing: 0,
      failureShare: null,
      jobs: 0,
    });
    for (const g of ["VEHICLE", "PERFORMER", "PLACE", "JOB_TYPE", "DAY", "WEEK"]) {
      assert.deepEqual((await stack.ok(STATS, { filter, g }, MANAGER)).repairStats, [], g);
    }
  });

  it("DAY and WEEK are counted in TIME_ZONE: 22:30Z on March 1st is March 2nd in Moscow", async () => {
    const days = (await stack.ok(STATS, { filter: MARCH, g: "DAY" }, MANAGER)).repairStats;
    assert.deepEqual(
      days.map((r: any) => [r.key, r.repairs, r.completed, r.failed, r.cancelled, r.performing]),
      [
        ["2026-03-01", 1, 0, 0, 1, 0],
        ["2026-03-02", 1, 1, 0, 0, 0],
        ["2026-03-05", 1, 0, 1, 0, 0],
        ["2026-03-09", 1, 1, 0, 0, 0],
        ["2026-03-10", 1, 0, 0, 0, 1],
      ],
    );
    assert.equal(days[1].jobs, 2, "R1's jobs go with R1's day");
    const weeks = (await stack.ok(STATS, { filter: MARCH, g: "WEEK" }, MANAGER)).repairStats;
    assert.deepEqual(
      weeks.map((r: any) => [r.key, r.repairs]),
      [
        ["2026-02-23", 1],
        ["2026-03-02", 2],
        ["2026-03-09", 2],
      ],
    );
    // The same data through a gateway whose company lives in UTC.
    const utc = await stack.startGateway({ TIME_ZONE: "UTC" });
    try {
      const response = await gqlAt(utc.url, STATS, { filter: MARCH, g: "DAY" }, MANAGER);
      assert.deepEqual(
        response.data.repairStats.map((r: any) => [r.key, r.repairs]),
        [
          ["2026-03-01", 2],
          ["2026-03-05", 1],
          ["2026-03-09", 1],
          ["2026-03-10", 1],
        ],
      );
    } finally {
      await stack.stopGateway(utc);
    }
  });

  it("VEHICLE: repair and job times, percentiles, days in repair (a performing one up to the period's end), km between repairs", async () => {
    const rows = (await stack.ok(STATS, { filter: MARCH, g: "VEHICLE" }, MANAGER)).repairStats;
    assert.deepEqual(
      rows.map((r: any) => r.key),
      ["sc-3", "sc-1", "sc-2"],
      "most days in repair first",
    );
    const [sc3, sc1, sc2] = rows;
    close(sc3.daysInRepair, 21.625, "sc-3 performing from 03-10 09:00 to 04-01 00:00");
    assert.deepEqual([sc3.repairs, sc3.performing, sc3.repairTime.count, sc3.repairTime.medianSeconds, sc3.failureShare], [1, 1, 0, null, null]);
    assert.deepEqual([sc3.jobs, sc3.jobsPerforming, sc3.jobsCompleted, sc3.jobTime.count, sc3.jobTime.totalSeconds], [2, 1, 1, 1, 1200]);

    assert.deepEqual([sc1.repairs, sc1.completed, sc1.failed, sc1.cancelled], [3, 2, 1, 0]);
    close(sc1.failureShare, 1 / 3, "sc-1 failure share");
    assert.deepEqual(rounded(sc1.repairTime), { count: 3, totalSeconds: 16200, averageSeconds: 5400, medianSeconds: 5400, p90Seconds: 6840 });
    assert.deepEqual(rounded(sc1.jobTime), { count: 4, totalSeconds: 6000, averageSeconds: 1500, medianSeconds: 1500, p90Seconds: 2220 });
    assert.deepEqual([sc1.jobs, sc1.jobsCompleted, sc1.jobsFailed], [4, 2, 2]);
    close(sc1.jobFailureShare, 0.5, "sc-1 job failure share");
    close(sc1.daysInRepair, 16200 / 86400, "sc-1 days");
    close(sc1.kmBetweenRepairs, 150, "100 → 250 → 400");

    for (const g of ["VEHICLE", "DAY", "JOB_TYPE"]) {
      const all: any[] = (await stack.ok(STATS, { filter: MARCH, g }, MANAGER)).repairStats;
      const top: any[] = (await stack.ok(STATS.replace("groupBy: $g)", "groupBy: $g, first: 2)"), { filter: MARCH, g }, MANAGER)).repairStats;
      assert.deepEqual(top, all.slice(0, 2), `${g}, first: 2 is the first two rows, the same numbers`);
    }
    close(sc2.daysInRepair, 1 / 24, "sc-2: one hour");
    assert.equal(sc2.kmBetweenRepairs, null, "no mileage known");
    close(sc2.cancellationShare, 1, "sc-2 cancelled");
  });

  it("VEHICLE: days in repair clip overlapping repairs to the period", async () => {
    const filter = { from: "2026-03-05T11:00:00Z", to: "2026-03-09T08:30:00Z" };
    const rows = (await stack.ok(STATS, { filter, g: "VEHICLE" }, MANAGER)).repairStats;
    assert.deepEqual(
      rows.map((r: any) => [r.key, r.repairs]),
      [["sc-1", 1]],
      "R5 started in the period; R2 only overlaps it",
    );
    close(rows[0].daysInRepair, 1.5 / 24, "R2 11:00→12:00 plus R5 08:00→08:30");
    assert.equal(rows[0].kmBetweenRepairs, null, "one counted repair: nothing to compare");
  });

  it("PERFORMER, PLACE (with the place's name) and JOB_TYPE (with the type's title, in the caller's language)", async () => {
    const performers = (await stack.ok(STATS, { filter: MARCH, g: "PERFORMER" }, MANAGER)).repairStats;
    assert.deepEqual(
      performers.map((r: any) => [r.key, r.repairs, r.completed, r.title]),
      [
        ["mech_a", 3, 2, null],
        ["mech_b", 2, 0, null],
      ],
    );
    const places = (await stack.ok(STATS, { filter: MARCH, g: "PLACE" }, MANAGER)).repairStats;
    assert.deepEqual(
      places.map((r: any) => [r.key, r.title, r.repairs]),
      [
        ["wh-1", "Склад Север", 3],
        ["wh-2", "Склад Юг", 2],
      ],
    );
    // only keys and titles asked (a filter's list): the same rows in the same order, counted cheaply
    for (const [g, full] of [
      ["PLACE", places],
      ["PERFORMER", performers],
    ] as const) {
      const keyed: any = await stack.ok(
        `query($filter: RepairFilter, $g: RepairGrouping!) { repairStats(filter: $filter, groupBy: $g) { ...K } } fragment K on RepairStatsRow { key title }`,
        { filter: MARCH, g },
        MANAGER,
      );
      assert.deepEqual(
        keyed.repairStats,
        full.map((r: any) => ({ key: r.key, title: r.title })),
        `${g}: keys only`,
      );
    }
    const types = (await stack.ok(STATS, { filter: MARCH, g: "JOB_TYPE" }, MANAGER)).repairStats;
    assert.deepEqual(
      types.map((r: any) => [r.key, r.jobs, r.repairs]),
      [
        ["BRAKE_CABLE", 3, 3],
        ["FENDERS", 2, 2],
        ["GRIPS", 1, 1],
        ["KICKSTAND", 1, 1],
      ],
    );
    const brake = types[0];
    assert.equal(brake.title, "Порванный трос тормоза");
    assert.deepEqual(rounded(brake.jobTime), { count: 3, totalSeconds: 5400, averageSeconds: 1800, medianSeconds: 1800, p90Seconds: 2280 });
    close(brake.jobFailureShare, 1 / 3, "one of three brake cables failed");
    assert.deepEqual(
      [types[1].performing, types[1].completed, types[1].jobTime.medianSeconds],
      [1, 1, 900],
      "FENDERS: R4 performing, R1 completed but its fender failed",
    );
    assert.deepEqual([types[3].jobsPerforming, types[3].jobTime.count, types[3].jobTime.medianSeconds], [1, 0, null]);
    const english = await stack.gql(STATS, { filter: { ...MARCH, jobTypes: ["BRAKE_CABLE"] }, g: "JOB_TYPE" }, MANAGER, { "accept-language": "en" });
    assert.deepEqual(
      english.data.repairStats.map((r: any) => [r.key, r.title]),
      [["BRAKE_CABLE", "Broken brake cable"]],
      "a job-type filter keeps only those types",
    );
  });

  it("filters: performers (any case), statuses, vehicles, places; bad input is BAD_USER_INPUT", async () => {
    // [repairs, their jobs] in the summary, and the jobs counted per warehouse (PLACE rows)
    const count = async (filter: object) => {
      const { fleetSummary, repairStats } = await stack.ok(
        `query($filter: RepairFilter) { fleetSummary(filter: $filter) { repairs jobs } repairStats(filter: $filter, groupBy: PLACE) { key jobs } }`,
        { filter: { ...MARCH, ...filter } },
        MANAGER,
      );
      const perPlace = (repairStats as { jobs: number }[]).reduce((sum, row) => sum + row.jobs, 0);
      assert.equal(perPlace, fleetSummary.jobs, `the warehouses' jobs add up to the summary's, for ${JSON.stringify(filter)}`);
      return [fleetSummary.repairs, fleetSummary.jobs];
    };
    assert.deepEqual(await count({ performers: ["@MECH_A"] }), [3, 4], "R1, R2, R5: J1, J2, J3, J7");
    assert.deepEqual(await count({ statuses: ["PERFORMING", "CANCELLED"] }), [2, 3], "R3, R4: J4, J5, J6");
    assert.deepEqual(await count({ vehicleIds: ["sc-2", "sc-3"] }), [2, 3]);
    assert.deepEqual(await count({ placeIds: ["wh-2"] }), [2, 3]);
    assert.deepEqual(await count({ placeIds: ["wh-2"], statuses: ["COMPLETED"] }), [0, 0]);
    assert.deepEqual(await count({ performers: ["mech_a"], jobTypes: ["FENDERS"] }), [1, 2], "R1 holds FENDERS: both its jobs count");
    assert.deepEqual(await count({ vehicleIds: [] }), [5, 7], "an empty list filters nothing");
    const backwards = await stack.gql(SUMMARY, { filter: { from: MARCH.to, to: MARCH.from } }, MANAGER);
    assert.deepEqual([codeOf(backwards), backwards.errors![0].extensions!.field], ["BAD_USER_INPUT", "filter.from"]);
    assert.equal(codeOf(await stack.gql(SUMMARY, { filter: { vehicleIds: [" "] } }, MANAGER)), "BAD_USER_INPUT");
    assert.equal(codeOf(await stack.gql(STATS, { g: "MONTH" }, MANAGER)), "BAD_USER_INPUT");
  });

  it("every job carries its repair's start, vehicle, place, performer, status and duration, kept by the database whoever writes", async () => {
    const em = stack.gateway.orm.em.fork();
    // a copy that differs from its repair, or a (repair, job type) without exactly one first job
    const differing = async () =>
      (
        await em.execute<{ n: number }[]>(
          `select (select count(*) from "repair_job" j join "repair" r on r.id = j.repair_id
                    where (j.repair_started_at, j.vehicle_id, j.place_id, j.performer_login, j.repair_status, j.repair_duration_seconds)
                          is distinct from (r.started_at, r.vehicle_id, r.place_id, r.performer_login, r.status, r.duration_seconds))::int
                + (select count(*) from (select count(*) filter (where first_of_type) as firsts from "repair_job" group by repair_id, type_code) t
                    where firsts <> 1)::int as n`,
        )
      )[0].n;
    assert.equal(await differing(), 0, "the fixture's jobs, inserted by plain SQL, got their repair's columns");
    await em.execute(`update "repair_job" set "place_id" = 'wh-9', "vehicle_id" = 'sc-x', "repair_status" = 'FAILED' where "id" = 'J1'`);
    assert.equal(await differing(), 0, "a job's copy cannot be written apart from its repair");

    // a repair holding two jobs of one type counts once for that type; its end reaches its jobs
    const brakes = async () => {
      const rows = (await stack.ok(STATS, { filter: MARCH, g: "JOB_TYPE" }, MANAGER)).repairStats as any[];
      const row = rows.find((r) => r.key === "BRAKE_CABLE");
      return [row.repairs, row.completed, row.jobs, row.repairTime.count, row.repairTime.totalSeconds];
    };
    assert.deepEqual(await brakes(), [3, 2, 3, 3, 3600 + 7200 + 5400], "R1, R2, R5");
    await em.execute(
      `insert into "repair_job" (id, repair_id, type_code, status, started_at, finished_at) values ('J8', 'R1', 'BRAKE_CABLE', 'COMPLETED', '2026-03-01T23:15:00Z', '2026-03-01T23:25:00Z')`,
    );
    await em.execute(`update "repair" set "status" = 'COMPLETED', "finished_at" = '2026-03-10T10:00:00Z' where "id" = 'R4'`);
    try {
      assert.equal(await differing(), 0, "the second BRAKE_CABLE of R1 is not its first; R4's end is in its jobs");
      assert.deepEqual(await brakes(), [3, 2, 4, 3, 3600 + 7200 + 5400], "R1 still counts once, its two jobs both count");
      const fenders = (await stack.ok(STATS, { filter: MARCH, g: "JOB_TYPE" }, MANAGER)).repairStats.find((r: any) => r.key === "FENDERS");
      assert.deepEqual([fenders.repairs, fenders.performing, fenders.completed, fenders.repairTime.totalSeconds], [2, 0, 2, 3600 + 3600], "R1 and R4, ended");
    } finally {
      await em.execute(`delete from "repair_job" where "id" = 'J8'`);
      await em.execute(`update "repair" set "status" = 'PERFORMING', "finished_at" = null where "id" = 'R4'`);
    }
    assert.equal(await differing(), 0);
    await em.execute(`update "repair" set "place_id" = 'wh-3' where "id" = 'R1'`);
    try {
      assert.equal(await differing(), 0, "a repair moved to another warehouse takes its jobs along");
      const rows = (await stack.ok(STATS, { filter: MARCH, g: "PLACE" }, MANAGER)).repairStats as { key: string; repairs: number; jobs: number }[];
      assert.deepEqual(
        rows.map((r) => [r.key, r.repairs, r.jobs]),
        [
          ["wh-1", 2, 2],
          ["wh-2", 2, 3],
          ["wh-3", 1, 2],
        ],
      );
    } finally {
      await em.execute(`update "repair" set "place_id" = 'wh-1' where "id" = 'R1'`);
    }
    assert.equal(await differing(), 0);
  });

  it("repairs: newest first, stable cursors over (startedAt, id) even within one microsecond, filters, totalCount", async () => {
    const all = (await stack.ok(PAGE, { filter: MARCH, first: 2 }, MANAGER)).repairs;
    assert.equal(all.totalCount, 5);
    assert.deepEqual(
      all.edges.map((e: any) => e.node.id),
      ["R4", "R5"],
    );
    const ids: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 5; pages++) {
      const page: any = (await stack.ok(PAGE, { filter: { vehicleIds: ["sc-9"] }, first: 2, after }, AS_ADMIN)).repairs;
      ids.push(...page.edges.map((e: any) => e.node.id));
      assert.equal(page.totalCount, 5);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    assert.deepEqual(ids, ["P5", "P4", "P3", "P2", "P1"], "same start time: by id, each once");

    const r1 = (await stack.ok(PAGE, { filter: { vehicleIds: ["sc-1"], statuses: ["COMPLETED"], jobTypes: ["FENDERS"] } }, MANAGER)).repairs;
    assert.deepEqual(
      r1.edges.map((e: any) => e.node.id),
      ["R1"],
    );
    assert.deepEqual(
      r1.edges[0].node.jobs.map((j: any) => [j.type.code, j.variant, j.variantTitle]),
      [
        ["BRAKE_CABLE", null, null],
        ["FENDERS", "REPLACE", "замена"],
      ],
    );
    assert.equal(codeOf(await stack.gql(PAGE, { after: "not-a-cursor" }, MANAGER)), "BAD_USER_INPUT");
    // a cursor of the right shape this API never gave out: a day that does not exist, year 0, a NUL (PostgreSQL's
    // protocol refuses it, which read as "the database is down", 503)
    for (const forged of [
      ["2026-02-31T00:00:00.000000", "x"],
      ["0000-01-01T00:00:00.000000", "x"],
      ["2026-12-01T00:00:00.000000", "x\u0000"],
      ["2026-12-01T24:00:00.000000", "x"],
    ]) {
      const response: GqlResponse = await stack.gql(PAGE, { after: Buffer.from(JSON.stringify(forged)).toString("base64url") }, MANAGER);
      assert.equal(response.status, 200, JSON.stringify(forged));
      assert.equal(codeOf(response), "BAD_USER_INPUT", JSON.stringify(forged));
    }
    // a period PostgreSQL cannot hold (it has no year 0) is the caller's mistake, not INTERNAL_SERVER_ERROR
    for (const filter of [{ from: "0000-01-01T00:00:00Z" }, { to: "0000-06-01T00:00:00Z" }]) {
      for (const query of [
        `query($f: RepairFilter) { repairs(filter: $f) { totalCount } }`,
        `query($f: RepairFilter) { fleetSummary(filter: $f) { repairs } }`,
      ]) {
        const response: GqlResponse = await stack.gql(query, { f: filter }, MANAGER);
        assert.deepEqual([codeOf(response), response.errors?.[0].extensions?.reason], ["BAD_USER_INPUT", "OUT_OF_RANGE"], JSON.stringify(filter));
      }
    }
    const old = await fetch(`${stack.url}/export/repairs.csv?from=0000-01-01T00:00:00Z`, { headers: headersFor(MANAGER) });
    assert.equal(old.status, 400, "the export too");
    await old.arrayBuffer();
    assert.equal(codeOf(await stack.gql(PAGE, { first: 0 }, MANAGER)), "BAD_USER_INPUT");
    const types = await stack.gql(`{ jobTypes { code variantTitles { code title titleEn } } }`, {}, MANAGER, { "accept-language": "en" });
    assert.deepEqual(types.data.jobTypes.find((t: any) => t.code === "STEM_PLAY").variantTitles, [
      { code: "TIGHTEN", title: "tighten", titleEn: "tighten" },
      { code: "REPLACE_BEARING", title: "replace bearing", titleEn: "replace bearing" },
    ]);
  });

  it("who may read: MANAGER and ADMIN; REPAIRER and ACCUMULATOR_KEEPER are FORBIDDEN; nobody is UNAUTHENTICATED", async () => {
    const queries = [
      [`{ repairs { totalCount } }`, "repairs"],
      [`{ repairStats(groupBy: DAY) { key } }`, "repairStats"],
      [`{ fleetSummary { repairs } }`, "fleetSummary"],
      [`{ dashboardSignIn { token expiresAt } }`, "dashboardSignIn"],
    ];
    const cases: [string, As, string][] = [
      ["MANAGER", MANAGER, "none"],
      ["ADMIN", AS_ADMIN, "none"],
      ["REPAIRER", REPAIRER, "FORBIDDEN"],
      ["ACCUMULATOR_KEEPER", KEEPER, "FORBIDDEN"],
      ["an unknown login", { jwt: "stranger" }, "FORBIDDEN"],
      ["nobody", null, "UNAUTHENTICATED"],
    ];
    for (const [query, name] of queries) {
      for (const [who, as, expected] of cases) {
        const response = await stack.gql(query, {}, as);
        assert.equal(codeOf(response), expected, `${name} as ${who}`);
        assert.ok(response.status < 500, `${name} as ${who}: HTTP ${response.status}`);
      }
    }
    // the sign-in is the caller's, for 12 hours, and what it opens only reads
    const { dashboardSignIn } = await stack.ok(`{ dashboardSignIn { token expiresAt } }`, {}, MANAGER);
    const hours = (Date.parse(dashboardSignIn.expiresAt) - Date.now()) / 3600_000;
    assert.ok(hours > 11.9 && hours <= 12, `good for 12 hours: ${hours}`);
    const export_ = await fetch(`${stack.url}/export/repairs.csv`, { headers: { authorization: `Bearer ${dashboardSignIn.token}` } });
    assert.equal(export_.status, 200, "the dashboard's export button works with it");
    await export_.arrayBuffer();
  });

  it("a MANAGER reads vehicle cards, histories, handovers and the control log, and changes nothing", async () => {
    for (const query of [
      `{ scooter(vehicleId: "sc-1001") { vehicleId repairs { id } } }`,
      `{ scooters(vehicleIds: ["sc-1001"]) { vehicleId } }`,
      `{ repair(id: "R1") { id } }`,
      `{ repairHistory(vehicleId: "sc-1") { id } }`,
      `{ handovers { id } }`,
      `{ controlLog(vehicleId: "sc-1") { id } }`,
      `{ jobTypes { code } }`,
    ]) {
      assert.equal(codeOf(await stack.gql(query, {}, MANAGER)), "none", query);
    }
    for (const mutation of [
      `mutation { startRepair(input: { repairId: "m-1", vehicleId: "sc-1001" }) { id } }`,
      `mutation { endRepair(repairId: "R4") { id } }`,
      `mutation { startJob(input: { repairId: "R4", jobId: "m-j", type: "GRIPS" }) { id } }`,
      `mutation { endJob(jobId: "J6") { id } }`,
      `mutation { scooterControl(vehicleId: "sc-3", action: BLINK_LIGHT) { id } }`,
      `mutation { bookingInfo(cabinetId: "cab-1", contractorId: "ctr-1", kind: GIVE) { cellsForReturn } }`,
      `mutation { finishHandover { id } }`,
      `mutation { upsertOperator(input: { login: "x", roles: [ADMIN] }) { login } }`,
      `mutation { deactivateOperator(login: "mech_a") { login } }`,
      `mutation { upsertJobType(input: { code: "X", titleRu: "x" }) { code } }`,
    ]) {
      assert.equal(codeOf(await stack.gql(mutation, {}, MANAGER)), "FORBIDDEN", mutation);
    }
    assert.equal((await stack.ok(`{ repair(id: "R4") { status } }`, {}, AS_ADMIN)).repair.status, "PERFORMING", "nothing changed");
  });

  describe("GET /export/repairs.csv", () => {
    const download = (query: string, as: As) => fetch(`${stack.url}/export/repairs.csv${query}`, { headers: headersFor(as) });

    it("one row per job, RFC 4180 with ';' and a BOM, times in TIME_ZONE, same filters as RepairFilter", async () => {
      const response = await download(`?from=${MARCH.from}&to=${MARCH.to}&vehicleId=sc-1&vehicleId=sc-2`, MANAGER);
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type")!, /^text\/csv; charset=utf-8/);
      assert.match(response.headers.get("content-disposition")!, /attachment; filename="repairs-\d{4}-\d\d-\d\d\.csv"/);
      const bytes = new Uint8Array(await response.arrayBuffer());
      assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM");
      const rows = parseCsv(new TextDecoder().decode(bytes.slice(3)));
      assert.deepEqual(rows[0].slice(0, 4), ["самокат", "склад", "склад (ID)", "исполнитель"], "what a person reads first");
      assert.equal(rows[0].length, 18);
      assert.deepEqual(rows[0].slice(15), ["работа (код)", "ремонт (ID)", "работа (ID)"], "codes and internal ids last");
      const body = rows.slice(1);
      assert.deepEqual(
        body.map((r) => [r[16], r[17]]),
        [
          ["R5", "J7"],
          ["R2", "J3"],
          ["R1", "J1"],
          ["R1", "J2"],
          ["R3", "J4"],
        ],
      );
      const j2 = body[3];
      assert.deepEqual(j2.slice(0, 9), ["sc-1", "Склад Север", "wh-1", "mech_a", "выполнено", "2026-03-02 01:30:00", "2026-03-02 02:30:00", "3600", "100"]);
      assert.deepEqual(j2.slice(9, 16), ["Крылья", "замена", "не получилось", "2026-03-02 02:00:00", "2026-03-02 02:10:00", "600", "FENDERS"]);
      const performing = parseCsv(new TextDecoder().decode(await (await download(`?status=PERFORMING`, AS_ADMIN)).arrayBuffer()).replace(/^\uFEFF/, ""));
      assert.deepEqual(
        performing.slice(1).map((r) => [r[16], r[17], r[6], r[11]]),
        [
          ["R4", "J5", "", "выполнено"],
          ["R4", "J6", "", "идёт"],
        ],
      );
    });

    it("a day alone is its midnight in TIME_ZONE: from=2026-03-02&to=2026-03-03 is Moscow's 2 March", async () => {
      // R1 starts 03-01 22:30 UTC, 03-02 01:30 in Moscow: on the 2nd there, on the 1st in UTC; R3 (20:00 UTC, 23:00 Moscow) is the 1st in both
      const byDay = parseCsv((await (await download(`?from=2026-03-02&to=2026-03-03`, MANAGER)).text()).replace(/^\uFEFF/, ""));
      const byInstant = parseCsv((await (await download(`?from=2026-03-01T21:00:00Z&to=2026-03-02T21:00:00Z`, MANAGER)).text()).replace(/^\uFEFF/, ""));
      assert.deepEqual(
        byDay.slice(1).map((r) => r[16]),
        ["R1", "R1"],
      );
      assert.deepEqual(byDay, byInstant);
    });

    it("quotes ';', quotes and new lines (RFC 4180) and keeps a repair without jobs as one row", async () => {
      const em = stack.gateway.orm.em.fork();
      await em.execute(
        `insert into "repair" (id, vehicle_id, place_id, performer_login, status, started_at, finished_at) values (?, ?, ?, ?, 'COMPLETED', ?, ?)`,
        ['Q;1 "x"\nline', "sc-q", "wh;1", "mech_a", "2024-01-01T10:00:00Z", "2024-01-01T10:00:30Z"],
      );
      const text = await (await download(`?vehicleId=sc-q`, MANAGER)).text();
      assert.ok(text.includes(`sc-q;;"wh;1";mech_a;`), "a warehouse scooters-misc does not know has no name: " + text);
      assert.ok(text.includes(`;"Q;1 ""x""\nline";\r\n`), "the repair's id quoted, its job's empty: " + text);
      const rows = parseCsv(text.replace(/^\uFEFF/, ""));
      assert.equal(rows.length, 2);
      assert.deepEqual(rows[1].slice(0, 3), ["sc-q", "", "wh;1"]);
      assert.deepEqual(rows[1].slice(9), ["", "", "", "", "", "", "", 'Q;1 "x"\nline', ""]);
      // a text Excel would run as a formula is kept as text (CSV injection)
      await em.execute(
        `insert into "repair" (id, vehicle_id, place_id, performer_login, status, started_at, finished_at) values (?, ?, ?, ?, 'COMPLETED', ?, ?)`,
        ["=HYPERLINK(1)", "-sc-f", "@wh", "mech_a", "2024-01-01T10:00:00Z", "2024-01-01T10:00:30Z"],
      );
      const formula = parseCsv((await (await download(`?vehicleId=-sc-f`, MANAGER)).text()).replace(/^\uFEFF/, ""));
      assert.deepEqual([formula[1][0], formula[1][2], formula[1][16]], ["'-sc-f", "'@wh", "'=HYPERLINK(1)"]);
    });

    it("MANAGER and ADMIN only: 401 without or with a wrong token, 403 for other roles, 400 for a bad filter, each with a code", async () => {
      const cases: [string, As, number, string][] = [
        ["nobody", null, 401, "UNAUTHENTICATED"],
        ["a wrong token", { token: "nope" }, 401, "UNAUTHENTICATED"],
        ["a token of another secret", { token: signJwt("mgr_olga", {}, "another-secret-of-enough-length") }, 401, "UNAUTHENTICATED"],
        ["REPAIRER", REPAIRER, 403, "FORBIDDEN"],
        ["ACCUMULATOR_KEEPER", KEEPER, 403, "FORBIDDEN"],
        ["an unknown login", { jwt: "stranger" }, 403, "FORBIDDEN"],
      ];
      for (const [who, as, status, code] of cases) {
        const response = await download("", as);
        assert.equal(response.status, status, who);
        const body: any = await response.json();
        assert.equal(body.errors[0].extensions.code, code, who);
        assert.ok(body.errors[0].message.length > 10, who);
      }
      for (const [who, as] of [
        ["MANAGER", MANAGER],
        ["ADMIN", AS_ADMIN],
      ] as const) {
        const response = await download("?from=2026-03-01T00:00:00Z", as);
        assert.equal(response.status, 200, who);
        await response.arrayBuffer();
      }
      // a day or a time that does not exist is refused, not moved on (new Date("2026-02-31") is 3 March)
      for (const query of [
        "?from=yesterday",
        "?from=2026-02-31",
        "?to=2026-13-01",
        "?from=2026-03-01T25:00:00Z",
        "?from=99999-01-01",
        "?from=1%20March%202026",
      ]) {
        const bad = await download(query, MANAGER);
        assert.equal(bad.status, 400, query);
        const error = ((await bad.json()) as any).errors[0];
        assert.equal(error.extensions.code, "BAD_USER_INPUT", query);
        assert.match(error.message, /RFC 3339/, query);
      }
      // a misspelt filter exported the whole fleet
      for (const query of ["?placeIds=wh-1", "?vehicleIds=sc-1", "?form=2026-03-01"]) {
        const misspelt = await download(query, MANAGER);
        assert.equal(misspelt.status, 400, query);
        assert.equal(((await misspelt.json()) as any).errors[0].extensions.reason, "UNKNOWN_PARAMETER", query);
      }
      const twice = await download("?from=2026-03-01&from=2026-03-02", MANAGER);
      assert.equal(twice.status, 400);
      assert.match(((await twice.json()) as any).errors[0].message, /given more than once/);
      const unknownStatus = await download("?status=DONE", MANAGER);
      assert.equal(unknownStatus.status, 400);
      await unknownStatus.arrayBuffer();
    });
  });
});
