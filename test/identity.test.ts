import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { ADMIN, BOT_TOKEN, codeOf, signJwt, Stack, type As } from "./support/stack";

const ME = `{ me { state operator { login roles placeId active telegramUserId } } }`;
const UPSERT = `mutation($input: OperatorInput!) { upsertOperator(input: $input) { login roles placeId active } }`;
const DEACTIVATE = `mutation($login: String!) { deactivateOperator(login: $login) { login active } }`;
const OPERATORS = `{ operators { login roles active telegramUserId } }`;
const AS_ADMIN: As = { jwt: ADMIN };

describe("identity and operators", () => {
  const stack = new Stack();
  before(() => stack.start());
  after(() => stack.stop());
  beforeEach(() => stack.reset());

  it("UNAUTHENTICATED without a token, with a wrong one, a bad signature, an expired JWT or a JWT without sub", async () => {
    const cases: [string, As][] = [
      ["no token", null],
      ["not bearer", { headers: { authorization: "Basic Ym9zczpib3Nz" } }],
      ["wrong token", { token: "not-the-token" }],
      ["other secret", { token: signJwt(ADMIN, {}, "another-secret-entirely") }],
      ["expired", { token: signJwt(ADMIN, { expiresIn: -10 }) }],
      ["none algorithm", { token: `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from('{"sub":"boss"}').toString("base64url")}.` }],
      ["bot token without user id", { headers: { authorization: `Bearer ${BOT_TOKEN}`, "x-telegram-username": "boss" } }],
      ["bot token with a non-numeric id", { telegram: { id: "12ab", username: "boss" } }],
    ];
    for (const [what, as] of cases) {
      const r = await stack.gql(ME, {}, as);
      assert.equal(codeOf(r), "UNAUTHENTICATED", what);
      assert.equal(r.status, 200, what);
      assert.equal(r.data, null, what);
    }
    const expired = await stack.gql(ME, {}, { token: signJwt(ADMIN, { expiresIn: -10 }) });
    assert.match(expired.errors![0].message, /expired/);
  });

  it("JWTs are refused when JWT_SECRET is unset", async () => {
    const noJwt = await stack.startGateway({ JWT_SECRET: "" });
    try {
      const r = await fetch(`${noJwt.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${signJwt(ADMIN)}` },
        body: JSON.stringify({ query: ME }),
      }).then((res) => res.json() as any);
      assert.equal(r.errors[0].extensions.code, "UNAUTHENTICATED");
      assert.match(r.errors[0].message, /JWT_SECRET/);
    } finally {
      await stack.stopGateway(noJwt);
    }
  });

  it("BOOTSTRAP_ADMINS are active admins from the first start; a JWT names the operator by sub", async () => {
    const { me } = await stack.ok(ME, {}, { jwt: "@BOSS" });
    assert.equal(me.operator.login, ADMIN);
    assert.deepEqual(me.operator.roles, ["ADMIN"]);
    assert.equal(me.state, "NONE");
  });

  it("the bot's first request for an allowed login binds it to the Telegram id; later the id alone finds the operator", async () => {
    await stack.operator("Keeper_Ira", ["ACCUMULATOR_KEEPER"]);
    const first = await stack.ok(ME, {}, { telegram: { id: 7001, username: "keeper_ira" } });
    assert.equal(first.me.operator.login, "keeper_ira");
    assert.equal(first.me.operator.telegramUserId, "7001");
    // the username changed in Telegram: the bound id still finds the operator
    const renamed = await stack.ok(ME, {}, { telegram: { id: 7001, username: "ira_new_name" } });
    assert.equal(renamed.me.operator.login, "keeper_ira");
    const noUsername = await stack.ok(ME, {}, { telegram: { id: 7001 } });
    assert.equal(noUsername.me.operator.login, "keeper_ira");
  });

  it("openTelegramUpdate: the bot's claim of an update and the sender's session in one call; bot only", async () => {
    await stack.operator("keeper_o", ["ACCUMULATOR_KEEPER"]);
    const OPEN = `mutation($u: ID!) { openTelegramUpdate(updateId: $u) { claimed me { state botStep operator { login } } } }`;
    const keeper: As = { telegram: { id: 4401, username: "keeper_o" } };
    const first = (await stack.ok(OPEN, { u: "990001" }, keeper)).openTelegramUpdate;
    assert.deepEqual(first, { claimed: true, me: { state: "NONE", botStep: null, operator: { login: "keeper_o" } } });
    const again = (await stack.ok(OPEN, { u: "990001" }, keeper)).openTelegramUpdate;
    assert.equal(again.claimed, false, "a redelivered update is not the bot's to handle again");
    assert.equal(again.me.operator.login, "keeper_o");
    assert.equal(codeOf(await stack.gql(OPEN, { u: "990002" }, AS_ADMIN)), "FORBIDDEN", "a JWT caller is not the bot");
    assert.equal(codeOf(await stack.gql(OPEN, { u: "990003" }, { telegram: { id: 4402, username: "stranger_o" } })), "FORBIDDEN");
    assert.equal(codeOf(await stack.gql(OPEN, { u: "not-a-number" }, keeper)), "BAD_USER_INPUT");
    const claimedOnce = await stack.gateway.orm.em
      .fork()
      .execute<{ n: number }[]>(`select count(*)::int as n from "telegram_update" where "update_id" in ('990001', '990002', '990003')`);
    assert.equal(claimedOnce[0].n, 1, "refused callers claim nothing");
  });

  it("replaceBotKeyboard: gives the message recorded before, once each, even when calls race; bot only", async () => {
    await stack.operator("keeper_kb", ["ACCUMULATOR_KEEPER"]);
    const REPLACE = `mutation($m: ID) { replaceBotKeyboard(messageId: $m) }`;
    const keeper: As = { telegram: { id: 4501, username: "keeper_kb" } };
    const replace = async (m: string | null) => (await stack.ok(REPLACE, { m }, keeper)).replaceBotKeyboard as string | null;
    assert.equal(await replace("100"), null, "the operator's first keyboard: none before (the session row is made)");
    assert.equal(await replace("101"), "100");
    assert.equal(await replace("101"), null, "the same message again: nothing to take the buttons off");
    assert.equal(await replace(null), "101", "none live now: the last one is given back");
    assert.equal(await replace("102"), null);
    // ten at once: the row is locked for each, so every earlier id comes back exactly once
    const ids = Array.from({ length: 10 }, (_, i) => String(200 + i));
    const befores = await Promise.all(ids.map((id) => replace(id)));
    const { me } = await stack.ok(`{ me { botKeyboardMessageId } }`, {}, keeper);
    assert.deepEqual([...befores, me.botKeyboardMessageId].sort(), ["102", ...ids].sort());
    // an operator's very first keyboards, at once: the session row is made first, then each is ordered by the lock
    await stack.operator("keeper_kb2", ["ACCUMULATOR_KEEPER"]);
    const fresh: As = { telegram: { id: 4502, username: "keeper_kb2" } };
    await stack.ok(`{ me { state } }`, {}, fresh); // binds the Telegram id (no session row yet)
    const firstIds = ["300", "301", "302", "303", "304"];
    const firstBefores = await Promise.all(firstIds.map(async (m) => (await stack.ok(REPLACE, { m }, fresh)).replaceBotKeyboard as string | null));
    const last = (await stack.ok(`{ me { botKeyboardMessageId } }`, {}, fresh)).me.botKeyboardMessageId;
    assert.equal(firstBefores.filter((b) => b === null).length, 1, "only the first of them had none before");
    assert.deepEqual([...firstBefores.filter((b) => b !== null), last].sort(), firstIds);
    assert.equal(codeOf(await stack.gql(REPLACE, { m: "1" }, AS_ADMIN)), "FORBIDDEN", "a JWT caller is not the bot");
    assert.equal(codeOf(await stack.gql(REPLACE, { m: "12a" }, keeper)), "BAD_USER_INPUT");
  });

  it("FORBIDDEN for a login bound to another Telegram id, unknown logins and deactivated operators", async () => {
    await stack.operator("keeper_ira", ["ACCUMULATOR_KEEPER"]);
    await stack.ok(ME, {}, { telegram: { id: 7001, username: "keeper_ira" } });
    const stolen = await stack.gql(ME, {}, { telegram: { id: 7999, username: "keeper_ira" } });
    assert.equal(codeOf(stolen), "FORBIDDEN");
    assert.match(stolen.errors![0].message, /another Telegram account/);

    const stranger = await stack.gql(ME, {}, { telegram: { id: 8001, username: "stranger" } });
    assert.equal(codeOf(stranger), "FORBIDDEN");
    assert.match(stranger.errors![0].message, /stranger.*8001/);
    assert.equal(codeOf(await stack.gql(ME, {}, { jwt: "stranger" })), "FORBIDDEN");

    await stack.ok(DEACTIVATE, { login: "keeper_ira" }, AS_ADMIN);
    assert.equal(codeOf(await stack.gql(ME, {}, { telegram: { id: 7001, username: "keeper_ira" } })), "FORBIDDEN");
    assert.equal(codeOf(await stack.gql(ME, {}, { jwt: "keeper_ira" })), "FORBIDDEN");
    // nothing was recorded for the refused callers
    const { operators } = await stack.ok(OPERATORS, {}, AS_ADMIN);
    assert.deepEqual(
      operators.map((o: any) => o.login),
      ["boss", "keeper_ira"],
    );
  });

  it("two first contacts at once with the same login: one binds, the other is refused", async () => {
    await stack.operator("keeper_ira", ["ACCUMULATOR_KEEPER"]);
    const results = await Promise.all([
      stack.gql(ME, {}, { telegram: { id: 7101, username: "keeper_ira" } }),
      stack.gql(ME, {}, { telegram: { id: 7102, username: "keeper_ira" } }),
    ]);
    assert.deepEqual(results.map(codeOf).sort(), ["FORBIDDEN", "none"]);
  });

  it("an admin allows, changes, lists and deactivates operators; upsert re-allows a deactivated login", async () => {
    const created = (await stack.ok(UPSERT, { input: { login: "@Mech_Petr", roles: ["REPAIRER", "REPAIRER"], placeId: "wh-1" } }, AS_ADMIN)).upsertOperator;
    assert.deepEqual(created, { login: "mech_petr", roles: ["REPAIRER"], placeId: "wh-1", active: true });
    const changed = (await stack.ok(UPSERT, { input: { login: "mech_petr", roles: ["REPAIRER", "ACCUMULATOR_KEEPER"] } }, AS_ADMIN)).upsertOperator;
    assert.deepEqual(changed.roles, ["REPAIRER", "ACCUMULATOR_KEEPER"]);
    assert.equal(changed.placeId, "wh-1", "an omitted placeId keeps the place");
    const cleared = (await stack.ok(UPSERT, { input: { login: "mech_petr", roles: ["REPAIRER"], placeId: null } }, AS_ADMIN)).upsertOperator;
    assert.equal(cleared.placeId, null);

    const off = (await stack.ok(DEACTIVATE, { login: "MECH_PETR" }, AS_ADMIN)).deactivateOperator;
    assert.deepEqual(off, { login: "mech_petr", active: false });
    const { operators } = await stack.ok(OPERATORS, {}, AS_ADMIN);
    assert.deepEqual(
      operators.map((o: any) => [o.login, o.active]),
      [
        ["boss", true],
        ["mech_petr", false],
      ],
    );
    const back = (await stack.ok(UPSERT, { input: { login: "mech_petr", roles: ["REPAIRER"] } }, AS_ADMIN)).upsertOperator;
    assert.equal(back.active, true);
  });

  it("the last active admin can neither lose the role nor the access (nobody could let anyone in again); with another admin, either can", async () => {
    const lastAdmin = (response: any) => [codeOf(response), response.errors?.[0].extensions?.reason, response.errors?.[0].extensions?.login];
    assert.deepEqual(lastAdmin(await stack.gql(UPSERT, { input: { login: ADMIN, roles: ["MANAGER"] } }, AS_ADMIN)), ["CONFLICT", "LAST_ADMIN", ADMIN]);
    assert.deepEqual(lastAdmin(await stack.gql(DEACTIVATE, { login: ADMIN }, AS_ADMIN)), ["CONFLICT", "LAST_ADMIN", ADMIN]);
    const me = (await stack.ok(OPERATORS, {}, AS_ADMIN)).operators.find((o: any) => o.login === ADMIN);
    assert.deepEqual([me.roles, me.active], [["ADMIN"], true], "nothing changed");
    // two admins taking each other's role at once: one of them stays
    await stack.ok(UPSERT, { input: { login: "second_admin", roles: ["ADMIN"] } }, AS_ADMIN);
    const [a, b] = await Promise.all([
      stack.gql(UPSERT, { input: { login: ADMIN, roles: ["MANAGER"] } }, { jwt: "second_admin" }),
      stack.gql(UPSERT, { input: { login: "second_admin", roles: ["MANAGER"] } }, AS_ADMIN),
    ]);
    assert.equal([a, b].filter((r) => !r.errors).length, 1, JSON.stringify([a.errors, b.errors]));
    const admins = (await stack.ok(OPERATORS, {}, { jwt: a.errors ? ADMIN : "second_admin" })).operators.filter(
      (o: any) => o.active && o.roles.includes("ADMIN"),
    );
    assert.equal(admins.length, 1);
  });

  it("operator management errors: FORBIDDEN for non-admins, NOT_FOUND, BAD_USER_INPUT", async () => {
    await stack.operator("keeper_ira", ["ACCUMULATOR_KEEPER"]);
    const asKeeper: As = { jwt: "keeper_ira" };
    for (const [query, variables] of [
      [OPERATORS, {}],
      [UPSERT, { input: { login: "x", roles: ["ADMIN"] } }],
      [DEACTIVATE, { login: "boss" }],
    ] as const) {
      const r: any = await stack.gql(query, variables, asKeeper);
      assert.equal(codeOf(r), "FORBIDDEN");
      assert.match(r.errors![0].message, /Only an admin/);
    }
    assert.equal(codeOf(await stack.gql(DEACTIVATE, { login: "nobody" }, AS_ADMIN)), "NOT_FOUND");
    for (const input of [
      { login: "", roles: ["ADMIN"] },
      { login: "has space", roles: ["ADMIN"] },
      { login: "valid_login", roles: [] },
      { login: "valid_login", roles: ["REPAIRER"], placeId: "wh-404" },
    ]) {
      const r: any = await stack.gql(UPSERT, { input }, AS_ADMIN);
      assert.equal(codeOf(r), "BAD_USER_INPUT", JSON.stringify(input));
    }
    const unknownRole = await stack.gql(UPSERT, { input: { login: "valid_login", roles: ["GOD"] } }, AS_ADMIN);
    assert.equal(codeOf(unknownRole), "BAD_USER_INPUT");
    assert.ok(unknownRole.status < 500);
  });

  it("setPlace validates the warehouse with scooters-misc", async () => {
    await stack.operator("mech_petr", ["REPAIRER"]);
    const asMech: As = { jwt: "mech_petr" };
    const set = (await stack.ok(`mutation { setPlace(placeId: "wh-2") { login placeId } }`, {}, asMech)).setPlace;
    assert.deepEqual(set, { login: "mech_petr", placeId: "wh-2" });
    const unknown = await stack.gql(`mutation { setPlace(placeId: "wh-404") { placeId } }`, {}, asMech);
    assert.equal(codeOf(unknown), "BAD_USER_INPUT");
    assert.match(unknown.errors![0].message, /no warehouse wh-404/);
    await stack.emulators.scootersMisc.setFault({ status: 502 });
    const down = await stack.gql(`mutation { setPlace(placeId: "wh-1") { placeId } }`, {}, asMech);
    assert.equal(codeOf(down), "UPSTREAM_UNAVAILABLE");
    assert.equal(down.errors![0].extensions!.upstream.service, "scooters-misc");
    await stack.emulators.scootersMisc.clearFault();
    const { me } = await stack.ok(ME, {}, asMech);
    assert.equal(me.operator.placeId, "wh-2", "a failed change leaves the place as it was");
  });
});
