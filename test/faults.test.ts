import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { runGateway } from "./support/gateway-process";
import { Stack, codeOf, eventually, gqlAt, type As } from "./support/stack";
import { TcpProxy } from "./support/tcp-proxy";

/**
 * The fault suite: each upstream hanging, refusing and answering 503 under concurrent load;
 * PostgreSQL cut and restored under load; the gateway SIGKILLed with scans pending; SIGTERM with
 * requests in flight. For each: what callers got (code, time), what the emulators received, what
 * /metrics showed. Times are asserted only against the upstream timeout (no caller waits on what
 * it does not need); bench/ measures them.
 */
const TIMEOUT_MS = 1000;
const BOOKING = `mutation($c: ID!, $k: ID!) { bookingInfo(cabinetId: $c, contractorId: $k, kind: GIVE) { handover { id } } }`;
const TAKEN = `mutation($id: ID!) { accumulatorTaken(accumulatorId: $id) { scan { delivery } } }`;
const ALL_SCANS = `{ handovers(first: 100) { operator { login } scans { accumulatorId delivery } } }`;
const keeper = (i: number): As => ({ telegram: { id: 8000 + i, username: `fault_keeper_${i}` } });
const ADMIN: As = { jwt: "boss" };

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.99) - 1)];

/** `me`, /readyz and an operation that needs no upstream, 40 times each, while something else is going on. */
async function bystanders(url: string) {
  const me: number[] = [];
  const ready: number[] = [];
  const other: number[] = [];
  for (let i = 0; i < 40; i++) {
    const a = await timed(() => gqlAt(url, `{ me { state } }`, {}, keeper(0)));
    assert.equal(codeOf(a.value), "none");
    me.push(a.ms);
    const b = await timed(() => fetch(`${url}/readyz`));
    assert.equal(b.value.status, 200);
    ready.push(b.ms);
    const c = await timed(() => gqlAt(url, `{ jobTypes { code } }`, {}, ADMIN));
    assert.equal(codeOf(c.value), "none");
    other.push(c.ms);
  }
  return { me: p99(me), readyz: p99(ready), other: p99(other) };
}

describe("fault suite: upstreams hanging, refusing, failing; the database cut; the process killed", () => {
  const stack = new Stack();
  before(() =>
    stack.start({
      UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
      UPSTREAM_BREAKER_FAILURES: "5",
      // long enough that the call right after a wave of failures meets the open circuit, not a trial
      UPSTREAM_BREAKER_HALF_OPEN_MS: "2000",
      DATABASE_POOL_MAX: "10",
    }),
  );
  after(() => stack.stop());
  beforeEach(async () => {
    await stack.reset();
    for (let i = 0; i <= 50; i++) await stack.operator(`fault_keeper_${i}`, ["ACCUMULATOR_KEEPER", "REPAIRER"]);
  });

  /**
   * The same load twice, first with every upstream well (the baseline of this machine, now), then
   * with the fault: the fault may add one timeout to the callers that need that upstream, and
   * nothing to those that do not.
   */
  async function underLoad<T, N = undefined>(callers: () => Promise<{ ms: number; value: T }>[], next?: () => Promise<N>) {
    const started = callers();
    // what comes right after the callers (while the bystanders still go on): the moment a circuit
    // they opened is sure to be open, not yet half-open, however slow the machine is today
    const following = next ? Promise.all(started).then(next) : undefined;
    const others = await bystanders(stack.url);
    const answered = await Promise.all(started);
    return { answered, others, slowest: Math.max(...answered.map((a) => a.ms)), next: (await following) as N };
  }

  function assertNobodyElseWaits(baseline: { me: number; readyz: number; other: number }, during: typeof baseline) {
    for (const key of ["me", "readyz", "other"] as const) {
      assert.ok(
        during[key] < baseline[key] + TIMEOUT_MS / 2,
        `${key}: p99 ${during[key].toFixed(0)} ms with the fault, ${baseline[key].toFixed(0)} ms without`,
      );
    }
  }

  for (const [fault, name] of [
    [{ delayMs: 5000 }, "hanging"],
    [{ refuse: true }, "refusing connections"],
    [{ status: 503 }, "answering 503"],
  ] as const) {
    it(`scooter-accumulator ${name}: 50 keepers scanning get PENDING within the timeout, nobody else waits, all delivered once in order after`, async (t) => {
      const sa = stack.emulators.scooterAccumulator;
      for (let i = 1; i <= 50; i++) await stack.ok(BOOKING, { c: "cab-1", k: "ctr-1" }, keeper(i));
      const scanAll = (id: string) => () => Array.from({ length: 50 }, (_, i) => timed(() => gqlAt(stack.url, TAKEN, { id }, keeper(i + 1))));
      const well = await underLoad(scanAll("acc-1002"));
      for (const { value } of well.answered) assert.equal(value.data?.accumulatorTaken.scan.delivery, "DELIVERED", JSON.stringify(value.errors));

      await sa.setFault(fault);
      t.after(() => sa.clearFault());
      const ill = await underLoad(scanAll("acc-1001"));
      for (const { value } of ill.answered) assert.equal(value.data?.accumulatorTaken.scan.delivery, "PENDING", JSON.stringify(value.errors));
      assert.ok(
        ill.slowest < well.slowest + TIMEOUT_MS + 500,
        `slowest scan ${ill.slowest.toFixed(0)} ms with the fault, ${well.slowest.toFixed(0)} ms without`,
      );
      assertNobodyElseWaits(well.others, ill.others);
      const metrics = await (await fetch(`${stack.url}/metrics`)).text();
      assert.match(metrics, /scooter_ops_outbox_pending_scans 50/);
      assert.match(metrics, /scooter_ops_upstream_circuit_state\{service="scooter-accumulator"\} (1|0\.5)/);
      t.diagnostic(
        `${name}: slowest of 50 scans ${ill.slowest.toFixed(0)} ms (well: ${well.slowest.toFixed(0)} ms); p99 of others with the fault ${JSON.stringify(ill.others)}, without ${JSON.stringify(well.others)}`,
      );

      await sa.clearFault();
      await eventually(
        async () => {
          const { handovers } = await stack.ok(ALL_SCANS, {}, ADMIN);
          return handovers.every((h: any) => h.scans.every((s: any) => s.delivery === "DELIVERED"));
        },
        15_000,
        "every scan delivered",
      );
      // exactly once each: the two scans of 50 keepers, each accepted once, each from its own request.
      // A call the gateway gave up on (it hung past the timeout) may still be done by the service
      // later, answered to nobody; it is idempotent by contract, and only answers heard count here.
      const answered200 = sa.calls("accumulatorTaken").filter((c) => c.status === 200);
      const accepted = answered200.filter((c) => !c.abandoned);
      assert.ok(new Set(answered200.map((c) => c.requestId)).size <= 100, "no call for a scan that was not made");
      assert.equal(accepted.length, 100, "two scans of 50 keepers, each accepted once");
      assert.equal(new Set(accepted.map((c) => c.requestId)).size, 100);
      const finalMetrics = await (await fetch(`${stack.url}/metrics`)).text();
      assert.match(finalMetrics, /scooter_ops_outbox_pending_scans 0/);
      assert.match(finalMetrics, /scooter_ops_upstream_circuit_state\{service="scooter-accumulator"\} 0/);
    });
  }

  for (const [service, fault, name] of [
    ["drive", { delayMs: 5000 }, "hanging"],
    ["drive", { status: 503 }, "answering 503"],
    ["drive", { refuse: true }, "refusing connections"],
    ["scooters-misc", { delayMs: 5000 }, "hanging"],
    ["scooters-misc", { refuse: true }, "refusing connections"],
    ["scooters-misc", { status: 503 }, "answering 503"],
  ] as const) {
    it(`${service} ${name}: 50 callers get UPSTREAM_UNAVAILABLE within the timeout, the circuit opens, others are not held up`, async (t) => {
      const emulator = service === "drive" ? stack.emulators.drive : stack.emulators.scootersMisc;
      const call = (i: number) =>
        service === "drive"
          ? gqlAt(stack.url, `{ scooter(vehicleId: "sc-1001") { mileageKm } }`, {}, ADMIN)
          : gqlAt(stack.url, `mutation { setPlace(placeId: "wh-${(i % 3) + 1}") { placeId } }`, {}, keeper(i + 1));
      const callAll = () => Array.from({ length: 50 }, (_, i) => timed(() => call(i)));
      const well = await underLoad(callAll);
      for (const { value } of well.answered) assert.equal(codeOf(value), "none");

      await emulator.setFault(fault);
      t.after(() => emulator.clearFault());
      // an open circuit answers at once, without waiting for the timeout: the call right after the wave
      const afterwards = async () => {
        const fast = await timed(() => call(0));
        // a vehicle command refused by the open circuit never left the gateway: FAILED, not NO_ANSWER
        const command =
          service === "drive"
            ? await gqlAt(stack.url, `mutation { scooterControl(vehicleId: "sc-1001", action: BLINK_LIGHT) { outcome message } }`, {}, ADMIN)
            : undefined;
        return { fast, command };
      };
      const ill = await underLoad(callAll, afterwards);
      for (const { value } of ill.answered) assert.equal(codeOf(value), "UPSTREAM_UNAVAILABLE");
      // reads are tried twice by policy: at most two timeouts and a pause
      assert.ok(
        ill.slowest < well.slowest + 2 * TIMEOUT_MS + 500,
        `slowest ${ill.slowest.toFixed(0)} ms with the fault, ${well.slowest.toFixed(0)} ms without`,
      );
      assertNobodyElseWaits(well.others, ill.others);
      const metrics = await (await fetch(`${stack.url}/metrics`)).text();
      assert.match(metrics, new RegExp(`scooter_ops_upstream_circuit_state\\{service="${service}"\\} (1|0\\.5)`));
      const { fast, command } = ill.next;
      assert.equal(codeOf(fast.value), "UPSTREAM_UNAVAILABLE");
      assert.ok(fast.ms < TIMEOUT_MS / 2, `${fast.ms} ms`);
      if (command) {
        assert.equal(command.data?.scooterControl.outcome, "FAILED", JSON.stringify(command));
        assert.match(command.data.scooterControl.message, /^Not sent/);
      }
      t.diagnostic(
        `${service} ${name}: slowest caller ${ill.slowest.toFixed(0)} ms (well: ${well.slowest.toFixed(0)}), the next ${fast.ms.toFixed(0)} ms; p99 of others ${JSON.stringify(ill.others)}, without ${JSON.stringify(well.others)}`,
      );
      await emulator.clearFault();
      await eventually(async () => codeOf(await call(0)) === "none", 8000, `${service} answers again`);
    });
  }

  it("PostgreSQL cut and restored under load: UNAVAILABLE with 503 and Retry-After while down, answers again within seconds", async (t) => {
    const target = new URL(stack.databaseUrl);
    const proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).start();
    const viaProxy = new URL(stack.databaseUrl);
    viaProxy.port = String(proxy.port);
    const gateway = await stack.startGateway({ DATABASE_URL: viaProxy.toString(), MIGRATE_ON_START: "false" });
    let running = true;
    const outcomes: string[] = [];
    const load = Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        while (running) {
          const r = await gqlAt(gateway.url, `{ me { state } }`, {}, keeper(i + 1)).catch(() => null);
          outcomes.push(r ? `${r.status}:${codeOf(r)}` : "fetch failed");
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }),
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await proxy.cut();
      const cutAt = Date.now();
      const down = await eventually(
        async () => {
          const r = await gqlAt(gateway.url, `{ me { state } }`, {}, keeper(1));
          return codeOf(r) === "UNAVAILABLE" ? r : null;
        },
        10_000,
        "UNAVAILABLE while the database is cut",
      );
      assert.equal(down.status, 503);
      assert.equal(down.headers.get("retry-after"), "5");
      const ready = await timed(() => fetch(`${gateway.url}/readyz`));
      assert.equal(ready.value.status, 503);
      assert.ok(ready.ms < 2000, `/readyz took ${ready.ms} ms`);
      t.diagnostic(`UNAVAILABLE ${Date.now() - cutAt} ms after the cut; /readyz 503 in ${ready.ms.toFixed(0)} ms`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await proxy.restore();
      const restoredAt = Date.now();
      await eventually(async () => codeOf(await gqlAt(gateway.url, `{ me { state } }`, {}, keeper(1))) === "none", 10_000, "answers again");
      t.diagnostic(`answers again ${Date.now() - restoredAt} ms after the database came back`);
      assert.ok(Date.now() - restoredAt < 5000);
    } finally {
      running = false;
      await load;
      await stack.stopGateway(gateway);
      await proxy.stop();
    }
    assert.ok(!outcomes.some((o) => o.endsWith("INTERNAL_SERVER_ERROR")), "a database outage is never reported as a bug");
    assert.ok(outcomes.includes("503:UNAVAILABLE"));
  });

  it("the gateway SIGKILLed with scans pending, then started again: each delivered exactly once, in scan order", async () => {
    const sa = stack.emulators.scooterAccumulator;
    await stack.gateway.outbox.stop(); // only the process under test delivers
    const first = runGateway({ ...stack.env, NODE_ENV: "production", PORT: "0", LOG_LEVEL: "info" });
    try {
      const url = (await first.ready)!;
      await gqlAt(url, BOOKING, { c: "cab-1", k: "ctr-1" }, keeper(1));
      await sa.setFault({ refuse: true });
      for (const id of ["acc-1003", "acc-1001", "acc-1002"]) {
        assert.equal((await gqlAt(url, TAKEN, { id }, keeper(1))).data.accumulatorTaken.scan.delivery, "PENDING");
      }
      first.child.kill("SIGKILL");
      await first.exited;
      await sa.clearFault();
      const second = runGateway({ ...stack.env, NODE_ENV: "production", PORT: "0", LOG_LEVEL: "info" });
      try {
        await second.ready;
        await eventually(
          () => Promise.resolve(sa.calls("accumulatorTaken").filter((c) => c.status === 200).length === 3),
          15_000,
          "delivered after the restart",
        );
        await new Promise((resolve) => setTimeout(resolve, 300)); // nothing more comes
        const accepted = sa
          .calls("accumulatorTaken")
          .filter((c) => c.status === 200)
          .map((c) => (c.body as any).accumulator_id);
        assert.deepEqual(accepted, ["acc-1003", "acc-1001", "acc-1002"]);
      } finally {
        second.child.kill("SIGTERM");
        await second.exited;
      }
    } finally {
      first.child.kill("SIGKILL");
      stack.gateway.outbox.start();
    }
  });

  it("SIGTERM with requests in flight: every one is answered, then the process exits 0", async () => {
    const run = runGateway({ ...stack.env, NODE_ENV: "production", PORT: "0", LOG_LEVEL: "info" });
    const url = (await run.ready)!;
    const sa = stack.emulators.scooterAccumulator;
    await sa.setFault({ delayMs: 800 });
    const inFlight = Array.from({ length: 10 }, (_, i) => gqlAt(url, BOOKING, { c: "cab-1", k: "ctr-1" }, keeper(i + 1)));
    await eventually(() => Promise.resolve(sa.calls("bookingInfo").length === 10), 5000, "all ten waiting on scooter-accumulator");
    run.child.kill("SIGTERM");
    const answers = await Promise.all(inFlight);
    for (const r of answers) assert.equal(codeOf(r), "none", JSON.stringify(r.errors));
    assert.equal(await run.exited, 0);
  });
});
