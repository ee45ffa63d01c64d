import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
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
    assert.match((await (await fetch(dashboardUrl!)).text()), /Ремонты самокатов/);
    const history = `{ fleetSummary { repairs repairsFinished vehiclesInRepairNow } repairs(first: 1) { totalCount } }`;
    const seeded = (await local.gql(first.tokens.demo_manager, history)).data;
    assert.ok(seeded.fleetSummary.repairsFinished > 100 && seeded.fleetSummary.vehiclesInRepairNow === 1, JSON.stringify(seeded));
    assert.match(local.output, /embedded PostgreSQL \(PGlite\)/);

    const me = await local.gql(first.tokens.demo_admin, `{ me { operator { login roles } } }`);
    assert.equal(me.data.me.operator.login, "demo_admin");
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
    await local.chatSend(KEEPER_TG, "acc-1001");
    await local.botSays(KEEPER_TG, /✅ Записано: acc-1001/);
    assert.equal(await local.stop(), 0, "Ctrl-C stops everything cleanly");

    const second = await local.start();
    assert.equal(second.tokens.demo_keeper.length > 0, true);
    assert.deepEqual((await local.gql(second.tokens.demo_manager, history)).data, seeded, "the history is seeded once, on the fresh database only");
    const handovers = await local.gql(second.tokens.demo_keeper, `{ handovers { cabinetId scans { accumulatorId delivery } } }`);
    assert.deepEqual(handovers.data.handovers[0], { cabinetId: "cab-1", scans: [{ accumulatorId: "acc-1001", delivery: "DELIVERED" }] });
    // the old token still works: the secrets are kept beside the data
    const again = await local.gql(first.tokens.demo_admin, `{ me { operator { login } } }`);
    assert.equal(again.data.me.operator.login, "demo_admin");
    await local.chatSend(KEEPER_TG, "acc-1002");
    await local.botSays(KEEPER_TG, /✅ Записано: acc-1002/);
    assert.equal(await local.stop(), 0);
    console.log(`# local mode: first start ${first.readySeconds} s, second ${second.readySeconds} s, ${second.rssMb} MB resident`);
  });
});
