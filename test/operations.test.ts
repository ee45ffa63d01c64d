import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { randomBytes } from "node:crypto";
import { dropDatabase, ensureDatabase } from "../gateway/db/databases";
import { runGateway } from "./support/gateway-process";
import { ADMIN, BOT_TOKEN, codeOf, gqlAt, PG_SERVER, Stack, type As } from "./support/stack";

const KEEPER: As = { telegram: { id: 9001, username: "keeper_ops" } };
describe("operations", () => {
  const stack = new Stack();
  before(async () => {
    await stack.start({ SCOOTER_ACCUMULATOR_TOKEN: "sa-secret", DRIVE_TOKEN: "drive-secret" });
    await stack.operator("keeper_ops", ["ACCUMULATOR_KEEPER"]);
  });
  after(() => stack.stop());

  it("/healthz and /readyz answer", async () => {
    const health = await fetch(`${stack.url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: "ok" });
    const ready = await fetch(`${stack.url}/readyz`);
    assert.equal(ready.status, 200);
  });

  it("X-Request-Id goes from the GraphQL request to the upstream, with the bearer token; one is made when absent", async () => {
    const sa = stack.emulators.scooterAccumulator;
    const booking = `mutation { bookingInfo(cabinetId: "cab-1", contractorId: "ctr-1") { cabinetId } }`;
    const r = await stack.gql(booking, {}, KEEPER, { "x-request-id": "req-from-the-bot-42" });
    assert.equal(r.errors, undefined);
    assert.equal(r.headers.get("x-request-id"), "req-from-the-bot-42");
    const call = sa.calls("bookingInfo").at(-1)!;
    assert.equal(call.requestId, "req-from-the-bot-42");
    assert.equal(call.authorization, "Bearer sa-secret");

    const scan = await stack.gql(`mutation { accumulatorTaken(accumulatorId: "acc-1001") { scan { delivery } } }`, {}, KEEPER);
    const generated = scan.headers.get("x-request-id")!;
    assert.match(generated, /^[0-9a-f-]{36}$/);
    assert.equal(sa.calls("accumulatorTaken").at(-1)!.requestId, generated);
    assert.equal(stack.emulators.scootersMisc.calls().length, 0);

    await stack.gql(`{ scooter(vehicleId: "sc-1001") { mileageKm } }`, {}, KEEPER, { "x-request-id": "card-7" });
    const details = stack.emulators.drive.calls("carDetails").at(-1)!;
    assert.deepEqual([details.requestId, details.authorization], ["card-7", "Bearer drive-secret"]);

    await stack.gql(`mutation { setPlace(placeId: "wh-1") { placeId } }`, {}, { jwt: ADMIN }, { "x-request-id": "bad id with spaces" });
    const misc = stack.emulators.scootersMisc.calls().at(-1)!;
    assert.match(misc.requestId!, /^[0-9a-f-]{36}$/, "an unusable incoming id is replaced");
    assert.equal(misc.authorization, null, "scooters-misc gets no token");
  });

  it("/metrics counts operations by outcome and upstream calls by service", async () => {
    await stack.gql(`query Who { me { state } }`, {}, KEEPER);
    await stack.gql(`query Who { me { state } }`, {}, null);
    const text = await (await fetch(`${stack.url}/metrics`)).text();
    assert.match(text, /scooter_ops_graphql_requests_total\{operation="Who",outcome="ok"\} 1/);
    assert.match(text, /scooter_ops_graphql_requests_total\{operation="Who",outcome="UNAUTHENTICATED"\} 1/);
    assert.match(text, /scooter_ops_upstream_calls_total\{service="scooter-accumulator",operation="bookingInfo",outcome="ok"\} \d+/);
    assert.match(text, /scooter_ops_graphql_duration_seconds_bucket/);
  });

  it("bad requests are 4xx with a code, never 5xx", async () => {
    const notJson = await fetch(`${stack.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    assert.equal(notJson.status, 400);
    assert.equal(((await notJson.json()) as any).errors[0].extensions.code, "BAD_REQUEST");
    const syntax = await stack.gql(`{ me { `, {}, KEEPER);
    assert.equal(syntax.status, 400);
    assert.equal(codeOf(syntax), "GRAPHQL_PARSE_FAILED");
    const unknownField = await stack.gql(`{ me { nope } }`, {}, KEEPER);
    assert.equal(unknownField.status, 400);
    const badVariable = await stack.gql(
      `mutation($k: HandoverKind!) { bookingInfo(cabinetId: "c", contractorId: "k", kind: $k) { kind } }`,
      { k: "SIDEWAYS" },
      KEEPER,
    );
    assert.ok(badVariable.status < 500);
    assert.equal(codeOf(badVariable), "BAD_USER_INPUT");
  });

  it("when the database goes away: /readyz says 503, and a request is UNAVAILABLE (503, Retry-After) with no SQL or stack trace", async () => {
    const url = `${PG_SERVER}/scooter_ops_test_gone_${randomBytes(3).toString("hex")}`;
    await ensureDatabase(url);
    const doomed = await stack.startGateway({ DATABASE_URL: url });
    try {
      await dropDatabase(url);
      const ready = await fetch(`${doomed.url}/readyz`);
      assert.equal(ready.status, 503);
      const r = await gqlAt(
        doomed.url,
        `{ me { state } }`,
        {},
        { token: BOT_TOKEN },
        {
          "x-telegram-user-id": "9001",
          "x-telegram-username": "keeper_ops",
        },
      );
      // not a bug: the caller is told to come back, with HTTP 503 and Retry-After
      assert.equal(codeOf(r), "UNAVAILABLE");
      assert.equal(r.status, 503);
      assert.equal(r.headers.get("retry-after"), "5");
      assert.equal(r.errors![0].extensions!.retryAfterSeconds, 5);
      const text = JSON.stringify(r);
      assert.doesNotMatch(text, /select|stack|at \w+ \(/i);
    } finally {
      await stack.stopGateway(doomed).catch(() => {});
    }
  });

  it("NODE_ENV=production: a missing setting stops the start with one line", async () => {
    const run = runGateway({ NODE_ENV: "production", BOT_SERVICE_TOKEN: "x" });
    assert.equal(await run.exited, 1);
    const lines = run.output().stderr.trim().split("\n");
    assert.equal(lines.length, 1, run.output().stderr);
    assert.equal(lines[0], "configuration: missing DATABASE_URL, SCOOTER_ACCUMULATOR_URL, DRIVE_URL, SCOOTERS_MISC_URL (NODE_ENV=production needs them)");

    const badNumber = runGateway({ NODE_ENV: "production", UPSTREAM_TIMEOUT_MS: "soon" });
    assert.equal(await badNumber.exited, 1);
    assert.equal(badNumber.output().stderr.trim(), "configuration: UPSTREAM_TIMEOUT_MS must be a whole number");
  });

  it("NODE_ENV=production with every setting: starts from dist/, serves, stops cleanly on SIGTERM", async () => {
    const run = runGateway({ ...stack.env, NODE_ENV: "production", PORT: "0", LOG_LEVEL: "info" });
    const url = await run.ready;
    assert.ok(url, run.output().stderr);
    const r = await gqlAt(url, `{ me { operator { login } } }`, {}, { jwt: ADMIN });
    assert.equal(r.data.me.operator.login, ADMIN);
    const sandbox = await fetch(`${url}/graphql`, { headers: { accept: "text/html" } });
    assert.ok(sandbox.status < 500);
    run.child.kill("SIGTERM");
    assert.equal(await run.exited, 0, JSON.stringify(run.output()));
    const lines = run
      .output()
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.ok(
      lines.every((l) => typeof l.level === "number" && l.service === "gateway"),
      "structured logs",
    );
  });
});
