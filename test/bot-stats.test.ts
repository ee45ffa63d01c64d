import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FakeUser } from "../emulators/telegram";
import { BotStack } from "./support/bot-stack";
import { lastDays } from "../bot/format";
import { ADMIN, codeOf } from "./support/stack";

const MANAGER_TG: FakeUser = { id: 7101, username: "mgr_tg" };
const MANAGER_NO_PLACE: FakeUser = { id: 7102, username: "mgr_all", language_code: "en" };
const MECH_TG: FakeUser = { id: 7103, username: "mech_x" };
const ADMIN_TG: FakeUser = { id: 7104, username: ADMIN };
const DASHBOARD_URL = "https://ops.example.test/dashboard";

/** Repairs relative to now: three in the last week (two at wh-1), one older. */
const FIXTURE: [
  id: string,
  place: string,
  performer: string,
  status: string,
  daysAgo: number,
  minutes: number,
  job: string,
  jobStatus: string,
  jobMinutes: number,
][] = [
  ["A", "wh-1", "mech_x", "COMPLETED", 2, 30, "BRAKE_CABLE", "COMPLETED", 20],
  ["B", "wh-1", "mech_x", "FAILED", 1, 60, "GRIPS", "FAILED", 40],
  ["C", "wh-2", "mech_y", "COMPLETED", 3, 90, "WRAPPING", "COMPLETED", 80],
  ["D", "wh-2", "mech_y", "COMPLETED", 20, 10, "GRIPS", "COMPLETED", 5],
];

describe("the bot's /stats for managers and admins", () => {
  const stack = new BotStack();
  before(async () => {
    await stack.start();
    await stack.stopBot();
    await stack.startBot({ DASHBOARD_URL });
    await stack.operator("mgr_tg", ["MANAGER"], "wh-1");
    await stack.operator("mgr_all", ["MANAGER"]);
    await stack.operator("mech_x", ["REPAIRER"], "wh-1");
    await stack.operator("mech_y", ["REPAIRER"], "wh-2");
    const em = stack.gateway.orm.em.fork();
    for (const [id, place, performer, status, daysAgo, minutes, job, jobStatus, jobMinutes] of FIXTURE) {
      await em.execute(
        `insert into "repair" (id, vehicle_id, place_id, performer_login, status, started_at, finished_at)
         values (?, ?, ?, ?, ?, now() - make_interval(days => ?), now() - make_interval(days => ?) + make_interval(mins => ?))`,
        [id, `sc-${id}`, place, performer, status, daysAgo, daysAgo, minutes],
      );
      await em.execute(
        `insert into "repair_job" (id, repair_id, type_code, status, started_at, finished_at)
         values (?, ?, ?, ?, now() - make_interval(days => ?), now() - make_interval(days => ?) + make_interval(mins => ?))`,
        [`${id}-j`, id, job, jobStatus, daysAgo, daysAgo, jobMinutes],
      );
    }
  });
  after(() => stack.stop());

  it("a manager gets the week of their warehouse in Russian lines, a dashboard link, the other scope and the menu", async () => {
    const tg = stack.telegram;
    const week = lastDays(7, "Europe/Moscow");
    const days = `${week.firstDay.slice(8)}.${week.firstDay.slice(5, 7)}–${week.lastDay.slice(8)}.${week.lastDay.slice(5, 7)}`;
    const [mine] = await tg.say(MANAGER_TG, "/stats");
    assert.equal(
      mine.text,
      [
        `📊 Ремонты за 7 дней (${days}) — Склад Север (wh-1)`,
        "Начато: 2. Закончено: 2 — выполнено 1, не получилось 1",
        "Медиана ремонта: 45 мин",
        "Сейчас в ремонте: 0",
        "Чаще всего: Порванный трос тормоза",
        "Дольше всего (медиана): Грипсы",
        "Выполнили: mech_x — 1",
      ].join("\n"),
    );
    assert.deepEqual(
      mine.buttons.map((b) => b.text),
      ["📈 Открыть дашборд", "По всем складам", "🛴 Карточка самоката", "📊 Статистика"],
    );
    // the dashboard on the same days and warehouse, signed in as the manager by a token that only reads
    const link = new URL(mine.buttons[0].url!);
    assert.equal(`${link.origin}${link.pathname}`, DASHBOARD_URL);
    assert.deepEqual(Object.fromEntries(link.searchParams), { from: week.firstDay, to: week.lastDay, place: "wh-1" });
    const token = decodeURIComponent(/^#token=(.+)$/.exec(link.hash)![1]);
    const signedIn = { token };
    const read = await stack.ok(`{ me { operator { login } } fleetSummary(filter: { placeIds: ["wh-1"] }) { repairs } }`, {}, signedIn);
    assert.deepEqual(read, { me: { operator: { login: "mgr_tg" } }, fleetSummary: { repairs: 2 } }, "the link's token signs in as that manager");
    const another = await stack.gql(`{ dashboardSignIn { token } }`, {}, signedIn);
    assert.equal(codeOf(another), "FORBIDDEN", "a link's token cannot make another: it ends with its day");
    for (const change of [`mutation { setPlace(placeId: "wh-2") { placeId } }`, `mutation { setBotStep(step: "admin:add") { botStep } }`]) {
      const refused = await stack.gql(change, {}, signedIn);
      assert.deepEqual([codeOf(refused), refused.errors?.[0].extensions?.reason], ["FORBIDDEN", "READ_ONLY"], `not even the manager's own settings: ${change}`);
    }

    const [all] = await tg.press(MANAGER_TG, mine, "По всем складам");
    assert.notEqual(all.message_id, mine.message_id, "a report is a record: the next one comes below it");
    const kept = tg.chat(MANAGER_TG.id).find((m) => m.message_id === mine.message_id)!;
    assert.equal(kept.text, mine.text, "and the report pressed under stays as it was");
    assert.match(all.text, /^📊 Ремонты за 7 дней \(\d\d\.\d\d–\d\d\.\d\d\) — все склады\nНачато: 3\. Закончено: 3 — выполнено 2, не получилось 1\n/);
    assert.ok(!new URL(all.buttons[0].url!).searchParams.has("place"), "all warehouses on the dashboard too");
    assert.match(all.text, /Медиана ремонта: 1 ч\n/);
    assert.match(all.text, /Дольше всего \(медиана\): Оклейка/);
    assert.match(all.text, /Выполнили: mech_x — 1, mech_y — 1/);
    assert.deepEqual(
      all.buttons.slice(1, 3).map((b) => b.text),
      ["Склад Север", "Склад Юг"],
      "each warehouse with repairs, to look closer",
    );
    const [south] = await tg.press(MANAGER_TG, all, "Склад Юг");
    assert.match(south.text, /— Склад Юг \(wh-2\)\nНачато: 1\. Закончено: 1 — выполнено 1\n/);
    const [typed] = await tg.say(MANAGER_TG, "/stats WH-2");
    assert.match(typed.text, /— Склад Юг \(wh-2\)\n/, "or at once, by its id");

    const [menu] = await tg.say(MANAGER_TG, "/start");
    const [again] = await tg.press(MANAGER_TG, menu, "📊 Статистика");
    assert.match(again.text, /— Склад Север \(wh-1\)\n/, "the menu button opens the same report");
  });

  it("a manager without a warehouse sees all of them (English for an English Telegram); a repairer is told who may", async () => {
    const tg = stack.telegram;
    const [all] = await tg.say(MANAGER_NO_PLACE, "/stats");
    assert.match(all.text, /^📊 Repairs, last 7 days \(\d\d\.\d\d–\d\d\.\d\d\) — all warehouses\nStarted: 3\. Ended: 3 — completed 2, failed 1\n/);
    assert.deepEqual(
      all.buttons.map((b) => b.text),
      ["📈 Open the dashboard", "Склад Север", "Склад Юг", "🛴 Scooter card", "📊 Statistics"],
      "a manager without a warehouse can still look at one",
    );
    const [help] = await tg.say(MANAGER_NO_PLACE, "/help");
    assert.match(help.text, /\/stats — repairs of the last 7 days/);
    const [refused] = await tg.say(MECH_TG, "/stats");
    assert.match(refused.text, /^Статистика доступна руководителям и администраторам\. Попросите администратора выдать роль «руководитель»/);
    assert.ok(
      refused.buttons.some((b) => b.text === "🔧 Начать ремонт"),
      "and the menu, to go on",
    );
  });

  it("an admin can make a manager from the bot, and sees /stats too", async () => {
    const tg = stack.telegram;
    const [menu] = await tg.say(ADMIN_TG, "/start");
    const [list] = await tg.press(ADMIN_TG, menu, "Операторы");
    const [ask] = await tg.press(ADMIN_TG, list, "Добавить оператора");
    assert.match(ask.text, /руководитель \(статистика\)/);
    const [saved] = await tg.say(ADMIN_TG, "olga_m руководитель wh-2");
    assert.match(saved.text, /olga_m/);
    const { operators } = await stack.ok(`{ operators { login roles placeId } }`, {}, { jwt: ADMIN });
    assert.deepEqual(
      operators.find((o: any) => o.login === "olga_m"),
      { login: "olga_m", roles: ["MANAGER"], placeId: "wh-2" },
    );
    const [report] = await tg.say(ADMIN_TG, "/stats");
    assert.match(report.text, /все склады/);
    // an admin's link reads as a manager does: the chat's copy of it can change nothing
    const token = decodeURIComponent(/#token=(.+)$/.exec(report.buttons[0].url!)![1]);
    const reads = await stack.ok(`{ me { operator { login } } repairs(first: 1) { totalCount } }`, {}, { token });
    assert.deepEqual(reads, { me: { operator: { login: ADMIN } }, repairs: { totalCount: 4 } });
    const change = await stack.gql(`mutation { upsertOperator(input: { login: "x_y", roles: [ADMIN] }) { login } }`, {}, { token });
    assert.equal(codeOf(change), "FORBIDDEN");
  });
});
