import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../emulators/paths";
import { SANDBOX_DOCUMENT, SANDBOX_OPERATIONS } from "../local/sandbox";
import { LocalMode } from "./support/local-mode";

const KEEPER_TG = 1001;

describe("local mode (npm start) from a fresh copy", () => {
  const local = new LocalMode();
  after(async () => {
    await local.stop();
    local.remove();
  });

  it("starts with zero setup, serves GraphQL, the emulators and the bot; a second start finds the data", async () => {
    const first = await local.start();
    assert.deepEqual(Object.keys(first.tokens).sort(), ["demo_admin", "demo_keeper", "demo_manager", "demo_mechanic"]);
    const dashboardUrl = /Managers' dashboard\s+(http\S+#token=ey\S+)/.exec(local.output)?.[1];
    assert.ok(dashboardUrl?.startsWith(`${local.gatewayUrl}/dashboard#token=`), "prints the dashboard's URL, signed in");
    assert.match(await (await fetch(dashboardUrl!)).text(), /Ремонты самокатов/);
    const history = `{ fleetSummary { repairs repairsFinished vehiclesInRepairNow } repairs(first: 1) { totalCount } }`;
    const seeded = (await local.gql(first.tokens.demo_manager, history)).data;
    assert.ok(seeded.fleetSummary.repairsFinished > 100 && seeded.fleetSummary.vehiclesInRepairNow === 1, JSON.stringify(seeded));
    assert.match(local.output, /embedded PostgreSQL \(PGlite\)/);

    const me = await local.gql(first.tokens.demo_admin, `{ me { operator { login roles placeId } } }`);
    assert.deepEqual(
      me.data.me.operator,
      { login: "demo_admin", roles: ["ADMIN", "ACCUMULATOR_KEEPER", "REPAIRER"], placeId: "wh-1" },
      "all roles, as the Sandbox says",
    );
    // every example operation of the Sandbox runs, in order, as the demo admin, on a fresh start
    const names = [...SANDBOX_DOCUMENT.matchAll(/^(?:query|mutation) (\w+)/gm)].map((m) => m[1]);
    assert.deepEqual(names, [...SANDBOX_OPERATIONS]);
    for (const operationName of names) {
      const result = await local.gql(first.tokens.demo_admin, SANDBOX_DOCUMENT, operationName);
      assert.equal(result.errors, undefined, `${operationName}: ${JSON.stringify(result.errors)}`);
    }
    const sandbox = await fetch(`${local.gatewayUrl}/graphql`, { headers: { accept: "text/html" } });
    const page = await sandbox.text();
    assert.match(page, /Bearer ey/, "Sandbox opens with the demo admin's header");
    assert.match(page, /OpenGive/, "and the example operations");
    const card = await local.gql(first.tokens.demo_mechanic, `{ scooter(vehicleId: "sc-1001") { mileageKm brokenComment } }`);
    assert.equal(card.data.scooter.mileageKm, 487.5, "Drive emulator with demo data");

    const chatPage = await (await fetch(`${local.chatUrl}/`)).text();
    assert.match(chatPage, /чат с ботом/);
    await local.chatSend(KEEPER_TG, "/give cab-1 ctr-1");
    await local.botSays(KEEPER_TG, /Выдача: шкаф cab-1, контрактор ctr-1/);
    await local.chatSend(KEEPER_TG, "acc-1002"); // acc-1001 went to the demo admin in the Sandbox examples
    await local.botSays(KEEPER_TG, /✅ Записано: acc-1002/);
    // the Sandbox examples above made one repair more: what the restart must find is this
    const beforeRestart = (await local.gql(first.tokens.demo_manager, history)).data;
    assert.equal(beforeRestart.repairs.totalCount, seeded.repairs.totalCount + 1);
    assert.equal(await local.stop(), 0, "Ctrl-C stops everything cleanly");

    const second = await local.start();
    assert.equal(second.tokens.demo_keeper.length > 0, true);
    assert.deepEqual((await local.gql(second.tokens.demo_manager, history)).data, beforeRestart, "the history is seeded once, on the fresh database only");
    const handovers = await local.gql(second.tokens.demo_keeper, `{ handovers { cabinetId scans { accumulatorId delivery } } }`);
    assert.deepEqual(handovers.data.handovers[0], { cabinetId: "cab-1", scans: [{ accumulatorId: "acc-1002", delivery: "DELIVERED" }] });
    // the examples run again on the kept data (their ids are idempotency tokens), except the handover the keeper holds open
    const again1 = await local.gql(second.tokens.demo_admin, SANDBOX_DOCUMENT, "StartRepair");
    assert.equal(again1.errors, undefined, JSON.stringify(again1.errors));
    // the old token still works: the secrets are kept beside the data
    const again = await local.gql(first.tokens.demo_admin, `{ me { operator { login } } }`);
    assert.equal(again.data.me.operator.login, "demo_admin");
    await local.chatSend(KEEPER_TG, "acc-1003");
    await local.botSays(KEEPER_TG, /✅ Записано: acc-1003/);
    assert.equal(await local.stop(), 0);
    // gateway/ is the production service: it depends on neither the bot nor the emulators
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
      );
    for (const file of sources(join(repoRoot(), "gateway"))) {
      assert.doesNotMatch(readFileSync(file, "utf8"), /from "(\.\.\/)+(bot|emulators|local)\//, file);
    }
    console.log(`# local mode: first start ${first.readySeconds} s, second ${second.readySeconds} s, ${second.rssMb} MB resident`);
  });
});

describe("a fresh clone's npm ci on Node 20.19", () => {
  /** Does Node `version` satisfy an engines range of the usual shapes (>=, ^, x, ||)? */
  function satisfies(version: string, range: string): boolean {
    const [major, minor, patch] = version.split(".").map(Number);
    const at = (v: string) => {
      const [a = 0, b = 0, c = 0] = v.split(".").map((p) => (p === "x" || p === "*" ? 0 : Number(p)));
      return [a, b, c];
    };
    const cmp = (v: number[]) => major - v[0] || minor - v[1] || patch - v[2];
    return range.split("||").some((part) => {
      const terms = part
        .trim()
        .replace(/(>=|<=|>|<|\^|~|=)\s+/g, "$1")
        .split(/\s+/)
        .filter(Boolean);
      return terms.every((term) => {
        const m = /^(>=|>|<=|<|\^|~|=)?\s*v?([\dx*.]+)$/.exec(term.trim());
        if (!m) return true; // a shape this check does not know is not counted against the engines
        const v = at(m[2]);
        switch (m[1]) {
          case ">=":
            return cmp(v) >= 0;
          case ">":
            return cmp(v) > 0;
          case "<=":
            return cmp(v) <= 0;
          case "<":
            return cmp(v) < 0;
          case "^":
            return major === v[0] && cmp(v) >= 0;
          case "~":
            return major === v[0] && minor === v[1] && cmp(v) >= 0;
          default:
            return m[2].split(".")[0] === String(major) || m[2] === "*";
        }
      });
    });
  }

  it("every locked package supports the Node the project declares (engines >=20.19), so npm ci prints no engine warning", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot(), "package.json"), "utf8"));
    assert.equal(pkg.engines.node, ">=20.19");
    const lock = JSON.parse(readFileSync(join(repoRoot(), "package-lock.json"), "utf8"));
    const unsupported = Object.entries(lock.packages as Record<string, { version?: string; engines?: { node?: string } }>)
      .filter(([path, p]) => path && p.engines?.node && !satisfies("20.19.0", p.engines.node))
      .map(([path, p]) => `${path.replace(/^.*node_modules\//, "")}@${p.version}: ${p.engines!.node}`);
    assert.deepEqual(unsupported, []);
  });
});
