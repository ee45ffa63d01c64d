import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../emulators/paths";
import { FOLDED_ID_SQL, foldId } from "../gateway/handover/match";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, loadConfig, normalizeLogin } from "../gateway/config";
import { DeliveryStatus, HandoverKind } from "../gateway/handover/handover.entity";
import { countingScans, doneAccumulators, handoverProgress, isExpectedScan, retryDelayMs } from "../gateway/handover/rules";
import { pageSize, requireId } from "../gateway/input";
import { BadUserInputError, isDatabaseUnavailable } from "../gateway/errors";
import { Metrics, SlidingMax } from "../gateway/metrics";
import { PLACE_NAME_TTL_MS, ScootersMiscClient } from "../gateway/upstreams/scooters-misc";
import { midnightIn } from "../gateway/analytics/export";

const give = { kind: HandoverKind.GIVE, booked: ["a1", "a2", "a3"], cellsForReturn: 0 };
const get = { kind: HandoverKind.GET, booked: [], cellsForReturn: 2 };
const scan = (accumulatorId: string, delivery = DeliveryStatus.DELIVERED) => ({ accumulatorId, delivery });

describe("handover rules", () => {
  it("GIVE: a scan is expected when the accumulator is booked", () => {
    assert.equal(isExpectedScan(give, 0, "a2"), true);
    assert.equal(isExpectedScan(give, 0, "zz"), false);
  });

  it("GET: a return is expected while a booked cell is free; refused returns free their cell", () => {
    assert.equal(isExpectedScan(get, countingScans([scan("x")]), "y"), true);
    assert.equal(isExpectedScan(get, countingScans([scan("x"), scan("y")]), "z"), false);
    assert.equal(isExpectedScan(get, countingScans([scan("x"), scan("y", DeliveryStatus.REJECTED)]), "z"), true);
  });

  it("progress counts booked accumulators done (GIVE) or returns (GET); pending counts, rejected does not", () => {
    assert.deepEqual(handoverProgress(give, [scan("a1"), scan("a2", DeliveryStatus.PENDING), scan("zz"), scan("a3", DeliveryStatus.REJECTED)]), {
      done: 2,
      expected: 3,
    });
    assert.deepEqual(handoverProgress(get, [scan("x"), scan("y", DeliveryStatus.REJECTED)]), { done: 1, expected: 2 });
    assert.deepEqual([...doneAccumulators([scan("a1"), scan("a2", DeliveryStatus.REJECTED)])], ["a1"]);
  });

  it("retries back off by doubling, capped", () => {
    assert.deepEqual(
      [1, 2, 3, 4, 10, 1000].map((n) => retryDelayMs(n, 1000, 30000)),
      [1000, 2000, 4000, 8000, 30000, 30000],
    );
  });
});

describe("input", () => {
  it("ids are trimmed; empty, long or odd ones are BAD_USER_INPUT naming the field", () => {
    assert.equal(requireId("  acc-1 ", "accumulatorId"), "acc-1");
    assert.equal(requireId("шкаф-7", "cabinetId"), "шкаф-7");
    for (const bad of ["", "   ", "a b", "x".repeat(129), "a\u0000b", null, undefined]) {
      assert.throws(
        () => requireId(bad, "accumulatorId"),
        (e: unknown) => e instanceof BadUserInputError && e.field === "accumulatorId",
      );
    }
  });

  it("page sizes default and stay within bounds", () => {
    assert.equal(pageSize(undefined, 20), 20);
    assert.equal(pageSize(5, 20), 5);
    for (const bad of [0, -1, 201, 1.5]) assert.throws(() => pageSize(bad, 20), BadUserInputError);
  });

  it("logins are Telegram usernames without @, lower case", () => {
    assert.equal(normalizeLogin(" @Keeper_Anna "), "keeper_anna");
  });
});

describe("a calendar day in the company's time zone (the export's from/to)", () => {
  it("is its midnight there, across a change of clocks, and a day that does not exist is none", () => {
    assert.equal(midnightIn("2026-03-01", "Europe/Moscow")?.toISOString(), "2026-02-28T21:00:00.000Z");
    assert.equal(midnightIn("2026-03-29", "Europe/Berlin")?.toISOString(), "2026-03-28T23:00:00.000Z", "the night clocks go forward");
    assert.equal(midnightIn("2026-03-30", "Europe/Berlin")?.toISOString(), "2026-03-29T22:00:00.000Z", "the day after");
    assert.equal(midnightIn("2028-02-29", "UTC")?.toISOString(), "2028-02-29T00:00:00.000Z", "a leap day");
    for (const day of ["2026-02-29", "2026-02-31", "2026-13-01", "2026-00-10", "2026-3-1", "02.03.2026", "2026-03-01T00:00:00Z"]) {
      assert.equal(midnightIn(day, "Europe/Moscow"), null, day);
    }
  });
});

describe("what counts as the database not answering (503 UNAVAILABLE, not INTERNAL_SERVER_ERROR)", () => {
  it("connections refused, a database not accepting connections, a changed password; not a protocol violation of our own", () => {
    const pg = (code: string, message = "x") => Object.assign(new Error(message), { code });
    for (const error of [
      pg("ECONNREFUSED"),
      pg("08006"),
      pg("57P03"),
      pg("55000", 'database "scooter_ops" is not currently accepting connections'),
      pg("28P01", "password authentication failed"),
      { originalError: pg("53300") },
    ]) {
      assert.equal(isDatabaseUnavailable(error), true, JSON.stringify(error));
    }
    for (const error of [pg("08P01", "invalid message format"), pg("55000", "cannot refresh materialized view"), pg("23505"), new Error("boom")]) {
      assert.equal(isDatabaseUnavailable(error), false, JSON.stringify(error));
    }
  });
});

describe("configuration", () => {
  const upstreams = { SCOOTER_ACCUMULATOR_URL: "http://sa", DRIVE_URL: "http://drive", SCOOTERS_MISC_URL: "http://misc" };

  it("fills local defaults outside production and parses every setting", () => {
    const config = loadConfig(
      { ...upstreams, UPSTREAM_TIMEOUT_MS: "1500", BOOTSTRAP_ADMINS: "@Boss, second ,", MIGRATE_ON_START: "false", PORT: "8080" },
      { BOT_SERVICE_TOKEN: "generated", DATABASE_URL: "postgres://embedded:1/postgres" },
    );
    assert.equal(config.production, false);
    assert.equal(config.databaseUrl, "postgres://embedded:1/postgres");
    assert.equal(config.databasePoolMax, 10);
    assert.equal(config.botServiceToken, "generated");
    assert.equal(config.upstreamTimeoutMs, 1500);
    assert.deepEqual(config.bootstrapAdmins, ["boss", "second"]);
    assert.equal(config.migrateOnStart, false);
    assert.equal(config.port, 8080);
    assert.equal(config.jwtSecret, undefined);
    assert.equal(config.logLevel, "info");
  });

  it("production takes no defaults: every missing setting is named in one line", () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: "production", DRIVE_URL: "http://drive" }, { BOT_SERVICE_TOKEN: "generated", SCOOTERS_MISC_URL: "http://x" }),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.message === "configuration: missing DATABASE_URL, SCOOTER_ACCUMULATOR_URL, SCOOTERS_MISC_URL, BOT_SERVICE_TOKEN (NODE_ENV=production needs them)",
    );
  });

  it("malformed values are refused by name", () => {
    assert.throws(() => loadConfig({ ...upstreams, DRIVE_URL: "not a url" }), /DRIVE_URL must be a URL/);
    assert.throws(() => loadConfig({ ...upstreams, MIGRATE_ON_START: "maybe" }), /MIGRATE_ON_START must be true or false/);
    assert.throws(() => loadConfig({ ...upstreams, LOG_LEVEL: "loud" }), /LOG_LEVEL/);
  });
});

describe("the scan path's index", () => {
  it("the folded-id index of the migration is the expression the scan path queries by", () => {
    const migration = readFileSync(join(repoRoot(), "migrations", "Migration20261201193000_scan_path.ts"), "utf8");
    assert.ok(migration.includes(FOLDED_ID_SQL), "the index would not be used");
    // and it folds as foldId does, for every look-alike in either case
    for (const ch of "АВЕЁКМНОРСТУХІавеёкмнорстухі") assert.ok(FOLDED_ID_SQL.includes(ch) && foldId(ch).length === 1);
  });
});

describe("metrics rules", () => {
  it("operation names as labels: validated ones only, at most 200 distinct, at most 64 characters; the rest 'other'", () => {
    const metrics = new Metrics();
    assert.equal(metrics.operationLabel("Me", false), "invalid", "a document the schema refused keeps no name");
    assert.equal(metrics.operationLabel(null, true), "anonymous");
    assert.equal(metrics.operationLabel("x".repeat(65), true), "other");
    for (let i = 0; i < 199; i++) assert.equal(metrics.operationLabel(`Op${i}`, true), `Op${i}`);
    assert.equal(metrics.operationLabel("Last", true), "Last", "the 200th name");
    assert.equal(metrics.operationLabel("OneTooMany", true), "other", "the 201st name");
    assert.equal(metrics.operationLabel("Op7", true), "Op7", "a name already kept stays");
  });

  it("the sliding maximum is the largest value of the last window, and forgets what is older", () => {
    let now = 1_000_000;
    const max = new SlidingMax(60_000, 6, () => now);
    max.observe("Scan", 0.2);
    now += 15_000;
    max.observe("Scan", 0.05);
    max.observe("Me", 0.01);
    assert.deepEqual(
      new Map(max.current()),
      new Map([
        ["Scan", 0.2],
        ["Me", 0.01],
      ]),
    );
    now += 50_000; // the 0.2 s answer is now more than a minute old
    assert.deepEqual(
      new Map(max.current()),
      new Map([
        ["Scan", 0.05],
        ["Me", 0.01],
      ]),
    );
    now += 60_000;
    assert.deepEqual(max.current(), [], "operations not seen within the window are gone");
  });

  it("a warehouse's name is asked once for callers at once and reused for a while; a failure is not kept; checks always ask", async () => {
    let clock = 0;
    const asked: string[] = [];
    let failNext = false;
    const http = {
      request: (_op: string, { path }: { path: string }) => {
        asked.push(path);
        if (failNext) return ((failNext = false), Promise.reject(new Error("down")));
        return Promise.resolve({ place_id: path.split("/").at(-1), name: `Склад ${asked.length}` });
      },
    };
    const misc = new ScootersMiscClient(http as never, () => clock);
    const ctx = {} as never;
    const [a, b] = await Promise.all([misc.placeForName("wh-1", ctx), misc.placeForName("wh-1", ctx)]);
    assert.equal(a, b);
    clock += PLACE_NAME_TTL_MS - 1;
    assert.equal((await misc.placeForName("wh-1", ctx)).name, "Склад 1", "reused within the time");
    assert.equal(asked.length, 1);
    clock += 2;
    assert.equal((await misc.placeForName("wh-1", ctx)).name, "Склад 2", "asked again after it");
    failNext = true;
    await assert.rejects(misc.placeForName("wh-2", ctx));
    assert.equal((await misc.placeForName("wh-2", ctx)).name, "Склад 4", "a failure is asked again at once");
    await misc.place("wh-1", ctx);
    assert.equal(asked.length, 5, "checking a warehouse always asks scooters-misc");
  });
});
