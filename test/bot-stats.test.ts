import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FakeUser } from "../emulators/telegram";
import { BotStack } from "./support/bot-stack";
import { ADMIN } from "./support/stack";

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
    const [mine] = await tg.say(MANAGER_TG, "/stats");
    assert.equal(
      mine.text,
      [
        "📊 Ремонты за 7 дней — склад Склад Север (wh-1)",
        "Начато: 2, завершено: 2 (не получилось: 1, отменено: 0)",
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
    assert.equal(mine.buttons[0].url, DASHBOARD_URL);

    const [all] = await tg.press(MANAGER_TG, mine, "По всем складам");
    assert.match(all.text, /^📊 Ремонты за 7 дней — все склады\nНачато: 3, завершено: 3/);
    assert.match(all.text, /Медиана ремонта: 1 ч\n/);
    assert.match(all.text, /Дольше всего \(медиана\): Оклейка/);
    assert.match(all.text, /Выполнили: mech_x — 1, mech_y — 1/);
    assert.ok(all.buttons.some((b) => b.text === "По моему складу (wh-1)"));

    const [menu] = await tg.say(MANAGER_TG, "/start");
    const [again] = await tg.press(MANAGER_TG, menu, "📊 Статистика");
    assert.match(again.text, /склад Склад Север \(wh-1\)/, "the menu button opens the same report");
  });

  it("a manager without a warehouse sees all of them (English for an English Telegram); a repairer is told who may", async () => {
    const tg = stack.telegram;
    const [all] = await tg.say(MANAGER_NO_PLACE, "/stats");
    assert.match(all.text, /^📊 Repairs, last 7 days — all warehouses\nStarted: 3, ended: 3 \(failed: 1, cancelled: 0\)/);
    assert.deepEqual(
      all.buttons.map((b) => b.text),
      ["📈 Open the dashboard", "🛴 Scooter card", "📊 Statistics"],
    );
    const [refused] = await tg.say(MECH_TG, "/stats");
    assert.match(refused.text, /^Статистика доступна менеджерам и администраторам/);
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
  });
});
