import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import jwt from "jsonwebtoken";
import { TelegramService } from "../gateway/telegram/telegram.service";
import { runGateway } from "./support/gateway-process";
import { BOT_TOKEN, JWT_SECRET, Stack, codeOf, eventually, gqlAt, signJwt, type As } from "./support/stack";

const KEEPER: As = { telegram: { id: 7101, username: "keeper_lia" } };
const OTHER_KEEPER: As = { telegram: { id: 7102, username: "keeper_oleg" } };
const BOOKING = `mutation($c: ID!, $k: ID!) { bookingInfo(cabinetId: $c, contractorId: $k, kind: GIVE) { handover { id } } }`;
const TAKEN = `mutation($id: ID!) { accumulatorTaken(accumulatorId: $id) { scan { accumulatorId delivery upstreamCode } duplicate done expected } }`;
const HANDOVERS = `{ handovers(first: 5) { scans { accumulatorId delivery attempts } } }`;

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const text = await response.text();
  return {
    status: response.status,
    text,
    json: JSON.parse(text) as { data?: any; errors?: { message: string; extensions?: any }[] },
    headers: response.headers,
  };
}

/** `count` calls of `work`, `concurrency` at a time. */
async function flood(count: number, concurrency: number, work: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

describe("hardening: hostile requests cost little, bad input is refused with its code", () => {
  const stack = new Stack();
  before(() => stack.start());
  after(() => stack.stop());
  beforeEach(async () => {
    await stack.reset();
    await stack.operator("keeper_lia", ["ACCUMULATOR_KEEPER"]);
    await stack.operator("keeper_oleg", ["ACCUMULATOR_KEEPER"]);
  });

  it("two memory attacks by a caller with no token: 10 000 operation names, 3 000 aliases of a deep __schema (386 KB)", async () => {
    // a gateway process of its own, so that its memory is measured alone, with a heap limit as in
    // production (V8 otherwise lets garbage pile up to hundreds of MB before collecting it, which
    // hides nothing but makes RSS noise): memory an attack keeps for good shows, or crashes it
    const run = runGateway({
      ...stack.env,
      NODE_ENV: "production",
      PORT: "0",
      LOG_LEVEL: "info",
      NODE_OPTIONS: "--max-old-space-size=128 --max-semi-space-size=4",
    });
    const url = await run.ready;
    assert.ok(url, run.output().stderr);
    try {
      // the working size of the heap first, with one operation name; then 10 000 distinct names
      const pad = "x".repeat(200);
      await flood(5_000, 25, async () => {
        assert.equal((await post(url, JSON.stringify({ query: `query Same_${pad} { __typename }` }))).status, 200);
      });
      const rssBefore = run.rssMb();
      await flood(10_000, 25, async (i) => {
        const r = await post(url, JSON.stringify({ query: `query Op_${i}_${pad} { __typename }` }));
        assert.equal(r.status, 200);
      });
      const metrics = await (await fetch(`${url}/metrics`)).text();
      const series = metrics.split("\n").filter((l) => l.startsWith("scooter_ops_graphql_requests_total{"));
      assert.ok(series.length <= 5, `${series.length} request series`);
      assert.ok(
        series.some((l) => l.includes('operation="other"')),
        "long names are counted as other",
      );
      assert.ok(metrics.length < 300_000, `/metrics is ${metrics.length} bytes`);

      const deep = "__schema { types { name fields { name type { name ofType { name ofType { name } } } } } }";
      const query = `{ ${Array.from({ length: 3000 }, (_, i) => `a${i}: ${deep}`).join(" ")} }`;
      assert.ok(query.length > 250_000);
      const started = Date.now();
      const r = await post(url, JSON.stringify({ query }));
      assert.equal(r.status, 400);
      assert.equal(r.json.errors![0].extensions.code, "GRAPHQL_PARSE_FAILED");
      assert.match(r.json.errors![0].message, /tokens/i);
      assert.ok(r.text.length < 2000, `answer of ${r.text.length} bytes`);
      assert.ok(Date.now() - started < 2000);

      const grown = run.rssMb() - rssBefore;
      assert.ok(grown < 50, `RSS grew by ${grown.toFixed(0)} MB (from ${rssBefore.toFixed(0)} MB)`);
    } finally {
      run.child.kill("SIGTERM");
      await run.exited;
    }
  });

  it("aliases, depth, nesting, directives and cost are limited, each refusal a 400 naming the limit", async () => {
    const aliases = await stack.gql(`{ ${Array.from({ length: 3000 }, (_, i) => `m${i}: me { state }`).join(" ")} }`, {}, KEEPER);
    assert.equal(aliases.status, 400);
    assert.match(aliases.errors![0].message, /tokens|aliases/i);
    const fewAliases = await stack.gql(`{ ${Array.from({ length: 40 }, (_, i) => `m${i}: me { state }`).join(" ")} }`, {}, KEEPER);
    assert.equal(fewAliases.status, 400);
    assert.equal(codeOf(fewAliases), "GRAPHQL_VALIDATION_FAILED");
    assert.match(fewAliases.errors![0].message, /aliases/i);

    const braces = await post(stack.url, JSON.stringify({ query: `${"{".repeat(5000)}${"}".repeat(5000)}` }));
    assert.equal(braces.status, 400);
    assert.doesNotMatch(braces.text, /call stack/i);
    const nested = `{ me { operator { login } handover { scans { accumulatorId } } } }`;
    assert.equal(codeOf(await stack.gql(nested, {}, KEEPER)), "none");
    const tooDeep = await stack.gql(`{ me ${"{ operator ".repeat(14)}{ login }${" }".repeat(14)} }`, {}, KEEPER);
    assert.equal(tooDeep.status, 400);
    assert.ok(
      tooDeep.errors!.some((e) => /depth limit of 12 exceeded/i.test(e.message)),
      JSON.stringify(tooDeep.errors),
    );
    const directives = await stack.gql(`{ me { state ${"@include(if: true) ".repeat(30)} } }`, {}, KEEPER);
    assert.equal(directives.status, 400);
    assert.match(directives.errors![0].message, /directives/i);

    const ids = Array.from({ length: 300 }, (_, i) => `sc-${i}`);
    const costly = await stack.gql(
      `query($ids: [ID!]!) { scooters(vehicleIds: $ids) { vehicleId repairs(first: 50) { id jobs { id type { code } } } } }`,
      { ids },
      { jwt: "boss" },
    );
    assert.equal(costly.status, 400);
    assert.match(costly.errors![0].message, /costs \d+, more than the 30000 allowed/);
    // what the PRO screens and the benchmark ask for stays within it: 200 cards with their history
    const cards = `query($ids: [ID!]!) { scooters(vehicleIds: $ids) { vehicleId mileageKm brokenComment lastRepair { id } repairs { performer { login } jobs { type { title } } } } }`;
    const fine = await stack.gql(cards, { ids: Array.from({ length: 200 }, (_, i) => `sc-${1001 + (i % 12)}`) }, { jwt: "boss" });
    assert.equal(codeOf(fine), "none");
  });

  it("introspection is off with NODE_ENV=production unless GRAPHQL_INTROSPECTION says otherwise", async () => {
    const production = await stack.startGateway({ NODE_ENV: "production" });
    const opened = await stack.startGateway({ NODE_ENV: "production", GRAPHQL_INTROSPECTION: "true" });
    try {
      const closed = await gqlAt(production.url, `{ __schema { queryType { name } } }`);
      assert.equal(closed.status, 400);
      assert.match(closed.errors![0].message, /introspection/i);
      const page = await fetch(`${production.url}/graphql`, { headers: { accept: "text/html" } });
      assert.doesNotMatch(await page.text(), /sandbox/i);
      assert.equal((await gqlAt(opened.url, `{ __schema { queryType { name } } }`)).data.__schema.queryType.name, "Query");
      // outside production it is on (the explorer pages need it)
      assert.equal((await stack.gql(`{ __schema { queryType { name } } }`)).data.__schema.queryType.name, "Query");
    } finally {
      await stack.stopGateway(production);
      await stack.stopGateway(opened);
    }
  });

  it("a body over the limit is 413 and says what the limit is", async () => {
    const r = await post(stack.url, JSON.stringify({ query: `{ me { state } }`, variables: { pad: "x".repeat(1_200_000) } }));
    assert.equal(r.status, 413);
    assert.match(r.json.errors![0].message, /larger than the 1mb allowed/);
    assert.equal(r.json.errors![0].extensions.code, "BAD_REQUEST");
  });

  it("control characters and over-long strings or lists are BAD_USER_INPUT in every input, never a 500", async () => {
    const asBot: As = KEEPER;
    const step = await stack.gql(`mutation($s: String) { setBotStep(step: $s) { state } }`, { s: "handover\u0000" }, asBot);
    assert.deepEqual([step.status, codeOf(step)], [400, "BAD_USER_INPUT"]);
    assert.match(step.errors![0].message, /control character/);
    const inline = await stack.gql(`mutation { setBotStep(step: "a\\u0007b") { state } }`, {}, asBot);
    assert.equal(codeOf(inline), "BAD_USER_INPUT");
    const UPSERT = `mutation($i: JobTypeInput!) { upsertJobType(input: $i) { code } }`;
    for (const input of [
      { code: "BIG", titleRu: "т".repeat(100_000) },
      { code: "BIG", titleRu: "т".repeat(201) },
      { code: "BIG", titleRu: "ok", variants: Array.from({ length: 5000 }, (_, i) => `v${i}`) },
      { code: "BIG", titleRu: "ok", variants: Array.from({ length: 51 }, (_, i) => `v${i}`) },
      { code: "BIG", titleRu: "ok", variants: ["x".repeat(65)] },
    ]) {
      const r = await stack.gql(UPSERT, { i: input }, { jwt: "boss" });
      assert.equal(codeOf(r), "BAD_USER_INPUT", JSON.stringify(input).slice(0, 80));
      assert.ok(r.status < 500);
    }
    // identity headers and claims too
    const nulSub = await stack.gql(`{ me { state } }`, {}, { token: jwt.sign({ sub: "boss\u0000" }, JWT_SECRET, { algorithm: "HS256", expiresIn: "1h" }) });
    assert.equal(codeOf(nulSub), "UNAUTHENTICATED");
    const nulName = await stack.gql(
      `{ me { state } }`,
      {},
      { headers: { authorization: `Bearer ${BOT_TOKEN}`, "x-telegram-user-id": "7999", "x-telegram-username": "evil name;--" } },
    );
    assert.equal(codeOf(nulName), "FORBIDDEN");
  });

  it("Apollo's own refusals keep their codes and are 4xx", async () => {
    const unknownName = await post(stack.url, JSON.stringify({ query: `query A { me { state } }`, operationName: "B" }));
    assert.deepEqual([unknownName.status, unknownName.json.errors![0].extensions.code], [400, "OPERATION_RESOLUTION_FAILURE"]);
    const twoAnonymous = await post(stack.url, JSON.stringify({ query: `{ me { state } } { me { state } }` }));
    assert.equal(twoAnonymous.status, 400);
    assert.notEqual(twoAnonymous.json.errors![0].extensions.code, "INTERNAL_SERVER_ERROR");
    const persisted = await post(stack.url, JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: "junk" } } }));
    assert.ok(persisted.status >= 400 && persisted.status < 500, String(persisted.status));
    assert.equal(persisted.json.errors![0].extensions.code, "PERSISTED_QUERY_NOT_SUPPORTED");
  });

  it("a user JWT must say when it expires", async () => {
    const forever = jwt.sign({ sub: "boss" }, JWT_SECRET, { algorithm: "HS256" });
    const r = await stack.gql(`{ me { state } }`, {}, { token: forever });
    assert.equal(codeOf(r), "UNAUTHENTICATED");
    assert.match(r.errors![0].message, /expiry/);
    assert.equal(codeOf(await stack.gql(`{ me { state } }`, {}, { token: signJwt("boss") })), "none");
  });

  it("an operator's Telegram id is shown to ADMIN and to the operator themself only", async () => {
    await stack.ok(`{ me { state } }`, {}, OTHER_KEEPER); // binds keeper_oleg to 7102
    const mine = await stack.ok(`{ me { operator { login telegramUserId } } }`, {}, OTHER_KEEPER);
    assert.equal(mine.me.operator.telegramUserId, "7102");
    await stack.ok(BOOKING, { c: "cab-1", k: "ctr-1" }, OTHER_KEEPER);
    const asOther = await stack.ok(`{ handovers(first: 5) { operator { login telegramUserId } } }`, {}, KEEPER);
    assert.deepEqual(asOther.handovers[0].operator, { login: "keeper_oleg", telegramUserId: null });
    const asAdmin = await stack.ok(`{ operators { login telegramUserId } }`, {}, { jwt: "boss" });
    assert.equal(asAdmin.operators.find((o: any) => o.login === "keeper_oleg").telegramUserId, "7102");
  });

  it("mutations are limited per operator: RATE_LIMITED with 429 and Retry-After; another operator goes on", async () => {
    const limited = await stack.startGateway({ RATE_LIMIT_MUTATIONS: "5", RATE_LIMIT_WINDOW_S: "30" });
    try {
      const STEP = `mutation { setBotStep(step: null) { state } }`;
      for (let i = 0; i < 5; i++) assert.equal(codeOf(await gqlAt(limited.url, STEP, {}, KEEPER)), "none");
      const sixth = await gqlAt(limited.url, STEP, {}, KEEPER);
      assert.deepEqual([sixth.status, codeOf(sixth)], [429, "RATE_LIMITED"]);
      const retryAfter = Number(sixth.headers.get("retry-after"));
      assert.ok(retryAfter >= 1 && retryAfter <= 30);
      assert.equal(sixth.errors![0].extensions!.retryAfterSeconds, retryAfter);
      // reads are not limited, nor is anyone else
      assert.equal(codeOf(await gqlAt(limited.url, `{ me { state } }`, {}, KEEPER)), "none");
      assert.equal(codeOf(await gqlAt(limited.url, STEP, {}, OTHER_KEEPER)), "none");
      // six aliased mutations in one request count six
      const many = await gqlAt(
        limited.url,
        `mutation { ${Array.from({ length: 6 }, (_, i) => `s${i}: setBotStep(step: null) { state }`).join(" ")} }`,
        {},
        OTHER_KEEPER,
      );
      assert.equal(codeOf(many), "RATE_LIMITED");
      // and six in a fragment, or an inline fragment, count six too (they counted one)
      await stack.operator("keeper_frag", ["ACCUMULATOR_KEEPER"]);
      await stack.operator("keeper_inline", ["ACCUMULATOR_KEEPER"]);
      const six = Array.from({ length: 6 }, (_, i) => `s${i}: setBotStep(step: null) { state }`).join(" ");
      const spread = await gqlAt(limited.url, `mutation { ...F } fragment F on Mutation { ${six} }`, {}, { jwt: "keeper_frag" });
      assert.equal(codeOf(spread), "RATE_LIMITED");
      const inline = await gqlAt(limited.url, `mutation { ... on Mutation { ${six} } }`, {}, { jwt: "keeper_inline" });
      assert.equal(codeOf(inline), "RATE_LIMITED");
    } finally {
      await stack.stopGateway(limited);
    }
  });

  it("/metrics shows the slowest answer per operation over the last minute, circuit state and the pending backlog", async () => {
    await stack.ok(`query SlowOne { me { state } }`, {}, KEEPER);
    await stack.ok(BOOKING, { c: "cab-1", k: "ctr-1" }, KEEPER);
    await stack.emulators.scooterAccumulator.setFault({ refuse: true });
    await stack.ok(TAKEN, { id: "acc-1001" }, KEEPER);
    const text = await (await fetch(`${stack.url}/metrics`)).text();
    assert.match(text, /scooter_ops_graphql_duration_max_seconds\{operation="SlowOne"\} \d/);
    assert.match(text, /scooter_ops_upstream_circuit_state\{service="scooter-accumulator"\} 0/);
    assert.match(text, /scooter_ops_upstream_circuit_state\{service="drive"\} 0/);
    assert.match(text, /scooter_ops_outbox_pending_scans 1/);
    const age = Number(/^scooter_ops_outbox_oldest_pending_age_seconds (\S+)$/m.exec(text)![1]);
    assert.ok(age >= 0 && age < 60, String(age));
    await stack.emulators.scooterAccumulator.clearFault();
    await eventually(async () => /scooter_ops_outbox_pending_scans 0/.test(await (await fetch(`${stack.url}/metrics`)).text()), 5000, "backlog drained");
  });

  it("handled Telegram updates older than the retention period are pruned", async () => {
    const em = stack.gateway.orm.em.fork();
    await em.execute(
      `insert into "telegram_update" ("update_id", "claimed_at", "completed_at") values ('1', now() - interval '20 days', now() - interval '20 days'), ('2', now(), now())`,
    );
    assert.equal(await new TelegramService(em).pruneHandled(14), 1);
    const left = await em.execute<{ update_id: string }[]>(`select "update_id" from "telegram_update"`);
    assert.deepEqual(
      left.map((r) => r.update_id),
      ["2"],
    );
  });
});

describe("temporary refusals and rescans lose no scan", () => {
  const stack = new Stack();
  before(() => stack.start());
  after(() => stack.stop());
  beforeEach(async () => {
    await stack.reset();
    await stack.operator("keeper_lia", ["ACCUMULATOR_KEEPER"]);
  });

  for (const status of [429, 408, 425]) {
    it(`scooter-accumulator answering ${status}: the scan is PENDING, retried (after Retry-After) and delivered once`, async () => {
      const sa = stack.emulators.scooterAccumulator;
      // retry pauses of up to 5 s here, so that a Retry-After of 2 s shows
      const patient = await stack.startGateway({ OUTBOX_RETRY_MAX_MS: "5000" });
      try {
        await gqlAt(patient.url, BOOKING, { c: "cab-1", k: "ctr-1" }, KEEPER);
        await sa.setFault({ status, retryAfterSeconds: 2 });
        const r = (await gqlAt(patient.url, TAKEN, { id: "acc-1001" }, KEEPER)).data.accumulatorTaken;
        assert.equal(r.scan.delivery, "PENDING");
        const refusedAt = Date.now();
        await sa.clearFault();
        await eventually(async () => (await stack.ok(HANDOVERS, {}, KEEPER)).handovers[0].scans[0].delivery === "DELIVERED", 8000, "delivered");
        assert.ok(Date.now() - refusedAt >= 1800, `Retry-After was honoured (${Date.now() - refusedAt} ms)`);
        assert.equal(sa.calls("accumulatorTaken").filter((c) => c.status === 200).length, 1);
      } finally {
        await stack.stopGateway(patient);
      }
    });
  }

  it("a rescan of a REJECTED accumulator is sent again (once the booking is fixed) and the refusal stays in the journal", async () => {
    const sa = stack.emulators.scooterAccumulator;
    await stack.ok(BOOKING, { c: "cab-1", k: "ctr-1" }, KEEPER);
    const first = (await stack.ok(TAKEN, { id: "acc-1004" }, KEEPER)).accumulatorTaken;
    assert.deepEqual([first.scan.delivery, first.scan.upstreamCode], ["REJECTED", "NOT_BOOKED"]);
    sa.data.bookings[0].accumulators.push("acc-1004"); // the dispatcher fixes the booking
    const again = (await stack.ok(TAKEN, { id: "acc-1004" }, KEEPER)).accumulatorTaken;
    assert.deepEqual([again.duplicate, again.scan.delivery], [false, "DELIVERED"]);
    const third = (await stack.ok(TAKEN, { id: "acc-1004" }, KEEPER)).accumulatorTaken;
    assert.deepEqual([third.duplicate, third.scan.delivery], [true, "DELIVERED"]);
    const scans = (await stack.ok(HANDOVERS, {}, KEEPER)).handovers[0].scans;
    assert.deepEqual(
      scans.map((s: any) => s.delivery),
      ["REJECTED", "DELIVERED"],
    );
    assert.equal(sa.calls("accumulatorTaken").length, 2);
  });
});
