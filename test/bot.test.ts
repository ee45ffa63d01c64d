import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "../emulators/paths";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import sharp from "sharp";
import { BotStack, qrPhoto } from "./support/bot-stack";
import type { FakeUser } from "../emulators/telegram";

const KEEPER: FakeUser = { id: 5101, username: "keeper_bot" };
const MECH: FakeUser = { id: 5201, username: "mech_bot" };
const ADMIN_USER: FakeUser = { id: 5301, username: "boss", language_code: "en" };
const STRANGER: FakeUser = { id: 5999, username: "stranger" };

describe("the Telegram bot, through a fake Bot API", () => {
  const stack = new BotStack();
  before(() => stack.start());
  after(() => stack.stop());
  beforeEach(async () => {
    await stack.telegram.settle(1200); // the last test's replies, held by the 1/s per-chat limit
    await stack.reset();
    stack.telegram.reset();
    await stack.operator("keeper_bot", ["ACCUMULATOR_KEEPER"]);
    await stack.operator("mech_bot", ["REPAIRER"]);
  });
  afterEach(() => {
    for (const message of stack.telegram.sent) {
      assert.doesNotMatch(message.text, /undefined|\bnull\b|\[object Object\]|Error:|\bat \w+ \(/, "a message no person should read");
      for (const button of message.buttons) assert.ok(button.text.trim() && !/undefined/.test(button.text) && Buffer.byteLength(button.callback_data) <= 64);
    }
  });

  it("GIVE handover: menu button, cabinet typed, contractor as a QR photo, scans typed and photographed, duplicates, done", async () => {
    const tg = stack.telegram;
    const sa = stack.emulators.scooterAccumulator;
    const [menu] = await tg.say(KEEPER, "/start");
    assert.match(menu.text, /Здравствуйте, keeper_bot/);
    assert.deepEqual(menu.buttons.map((b) => b.text), ["📤 Выдать аккумуляторы", "📥 Принять аккумуляторы", "🛴 Карточка самоката"]);

    const [askCabinet] = await tg.press(KEEPER, menu, "Выдать");
    assert.match(askCabinet.text, /ID шкафа/);
    const [askContractor] = await tg.say(KEEPER, "cab-1");
    assert.match(askContractor.text, /Шкаф cab-1. Теперь ID контрактора/);
    const [booking] = await tg.photo(KEEPER, await qrPhoto("ctr-1"));
    assert.match(booking.text, /Выдача: шкаф cab-1, контрактор ctr-1/);
    assert.match(booking.text, /acc-1001 \(ячейка cab-1-c1\)/);
    assert.match(booking.text, /acc-1003/);

    const [first] = await tg.say(KEEPER, "acc-1001, acc-1002\nacc-1005");
    assert.match(first.text, /✅ Записано: acc-1001, acc-1002/);
    assert.match(first.text, /⛔ acc-1005: не принято — accumulator acc-1005 is not booked/);
    assert.match(first.text, /Выдано: 2 из 3/);
    const [second] = await tg.photo(KEEPER, await qrPhoto("acc-1003"));
    assert.match(second.text, /✅ Записано: acc-1003/);
    assert.match(second.text, /Выдано: 3 из 3/);
    const [again] = await tg.say(KEEPER, "acc-1001");
    assert.match(again.text, /🔁 Уже было: acc-1001/);

    const [summary] = await tg.press(KEEPER, again, "Готово");
    assert.match(summary.text, /Итог выдачи: шкаф cab-1, контрактор ctr-1/);
    assert.match(summary.text, /Выдано \(3\): acc-1001, acc-1002, acc-1003/);
    assert.match(summary.text, /Не принято сервисом \(1\):\n• acc-1005/);

    assert.deepEqual(
      sa.calls().map((c) => `${c.operationId}:${(c.body as any).accumulator_id ?? (c.body as any).contractor_id}:${c.status}`),
      ["bookingInfo:ctr-1:200", "accumulatorTaken:acc-1001:200", "accumulatorTaken:acc-1002:200", "accumulatorTaken:acc-1005:409", "accumulatorTaken:acc-1003:200"],
    );
    assert.equal(sa.validateBookedTaken("cab-1", "ctr-1"), true);
  });

  it("GET handover with cabinet and contractor in one command; /done summary; nothing else sent upstream", async () => {
    const tg = stack.telegram;
    const [booking] = await tg.say(KEEPER, "/get cab-1 ctr-1");
    assert.match(booking.text, /Приём: шкаф cab-1, контрактор ctr-1/);
    assert.match(booking.text, /ячеек для возврата: 3/);
    const [scans] = await tg.say(KEEPER, "acc-9001 acc-9002");
    assert.match(scans.text, /✅ Записано: acc-9001, acc-9002/);
    assert.match(scans.text, /Принято: 2 из 3/);
    const [summary] = await tg.say(KEEPER, "/done");
    assert.match(summary.text, /Итог приёма/);
    assert.match(summary.text, /Принято \(2\): acc-9001, acc-9002/);
    assert.deepEqual(
      stack.emulators.scooterAccumulator.calls().map((c) => c.operationId),
      ["bookingInfo", "accumulatorReturned", "accumulatorReturned"],
    );
    const [nothing] = await tg.say(KEEPER, "/done");
    assert.match(nothing.text, /нет открытой выдачи/);
  });

  it("a photo without a QR code, and a pending scan while scooter-accumulator is down, are said plainly", async () => {
    const tg = stack.telegram;
    await tg.say(KEEPER, "/give cab-1 ctr-1");
    const blank = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#dddddd" } }).jpeg().toBuffer();
    const [noQr] = await tg.photo(KEEPER, blank);
    assert.match(noQr.text, /не нашёл читаемого QR-кода/);
    await stack.emulators.scooterAccumulator.setFault({ refuse: true });
    const [pending] = await tg.say(KEEPER, "acc-1001");
    assert.match(pending.text, /⏳ Записано, отправим позже/);
    assert.match(pending.text, /Выдано: 1 из 3/);
    await stack.emulators.scooterAccumulator.clearFault();
  });

  it("the bot restarted in the middle of a step goes on where the keeper was", async () => {
    const tg = stack.telegram;
    await tg.say(KEEPER, "/give");
    const [askContractor] = await tg.say(KEEPER, "cab-2");
    assert.match(askContractor.text, /Шкаф cab-2/);
    await stack.stopBot();
    await stack.startBot();
    const [booking] = await tg.say(KEEPER, "ctr-2");
    assert.match(booking.text, /Выдача: шкаф cab-2, контрактор ctr-2/);
    await stack.stopBot();
    await stack.startBot();
    const [scan] = await tg.say(KEEPER, "acc-2001");
    assert.match(scan.text, /✅ Записано: acc-2001/);
    const [, where] = await tg.say(KEEPER, "/start", 2);
    assert.match(where.text, /Выдача: шкаф cab-2, контрактор ctr-2/);
    assert.match(where.text, /\n1\/2$/, "the gateway's progress: 1 of 2 booked");
  });

  it("a redelivered update is handled once; a double tap on a job button starts one job", async () => {
    const tg = stack.telegram;
    await stack.ok(`mutation { upsertOperator(input: { login: "mech_bot", roles: [REPAIRER], placeId: "wh-1" }) { login } }`, {}, { jwt: "boss" });
    await tg.say(KEEPER, "/give cab-1 ctr-1");
    const update = tg.send(KEEPER, "acc-1001");
    await tg.waitFor(KEEPER.id, 2);
    tg.redeliver(update);
    await tg.settle(1200);
    assert.equal(tg.chat(KEEPER.id).length, 2, "no second answer");
    assert.equal(stack.emulators.scooterAccumulator.calls("accumulatorTaken").length, 1);

    const repairUpdate = tg.send(MECH, "/repair sc-1002");
    const started = await tg.waitFor(MECH.id, 3);
    tg.redeliver(repairUpdate);
    await tg.settle(1200);
    assert.equal(tg.chat(MECH.id).length, 3, "the redelivered /repair is not handled again");
    const panel = started[2];
    tg.tap(MECH, panel, "Регулировка тормозов");
    tg.tap(MECH, panel, "Регулировка тормозов");
    await tg.settle(1200);
    const { repairHistory } = await stack.ok(`{ repairHistory(vehicleId: "sc-1002") { jobs { id status } } }`, {}, { jwt: "boss" });
    assert.equal(repairHistory.length, 1, "one repair");
    assert.equal(repairHistory[0].jobs.length, 1, "one job for two taps");
  });

  it("repair: vehicle asked, warehouse asked once, card, a job with a variant, a command, the end", async () => {
    const tg = stack.telegram;
    const drive = stack.emulators.drive;
    const [menu] = await tg.say(MECH, "/start");
    const [askVehicle] = await tg.press(MECH, menu, "Начать ремонт");
    assert.match(askVehicle.text, /ID самоката/);
    const [askPlace] = await tg.photo(MECH, await qrPhoto("sc-1001"));
    assert.match(askPlace.text, /На каком вы складе/);
    const [placeSet, started, card, panel] = await tg.say(MECH, "wh-2", 4);
    assert.match(placeSet.text, /Склад wh-2 запомнил/);
    assert.match(started.text, /Ремонт sc-1001 начат \(склад wh-2\)/);
    assert.match(card.text, /Пробег: 487.5 км/);
    assert.match(card.text, /Поломка: тормоза не держат/);
    assert.match(card.text, /dashboard 2.1.0/);
    assert.ok(panel.buttons.some((b) => b.text === "Крылья"));
    assert.ok(panel.buttons.some((b) => b.text === "Мигнуть фонарём"));

    const [variants] = await tg.press(MECH, panel, "Крылья");
    assert.match(variants.text, /Крылья: что делаем/);
    const [jobStarted, jobPanel] = await tg.press(MECH, variants, "замена", 2);
    assert.match(jobStarted.text, /Работа «Крылья» идёт/);
    assert.match(jobPanel.text, /Идёт работа «Крылья»/);
    const [blink] = await tg.press(MECH, jobPanel, "Мигнуть фонарём");
    assert.match(blink.text, /✅ Мигнуть фонарём: выполнено/);
    const [jobEnded, nextPanel] = await tg.press(MECH, jobPanel, "Работа выполнена", 2);
    assert.match(jobEnded.text, /Работа «Крылья»: выполнено/);
    drive.car("sc-1001")!.controlFailure = "no answer from the deck lock";
    const [deck] = await tg.press(MECH, nextPanel, "Открыть деку");
    assert.match(deck.text, /⚠️ Открыть деку: не вышло — no answer from the deck lock/);
    const [ended] = await tg.press(MECH, nextPanel, "Завершить ремонт");
    assert.match(ended.text, /Ремонт sc-1001: выполнено/);
    assert.match(ended.text, /Крылья \(замена\)/);

    // a second repair: the warehouse is not asked again
    const [started2, , panel2] = await tg.say(MECH, "/repair sc-1004", 3);
    assert.match(started2.text, /Ремонт sc-1004 начат \(склад wh-2\)/);
    assert.ok(panel2.buttons.length > 0);
    assert.deepEqual(
      drive.calls("carControl").map((c) => (c.body as any).action),
      ["blink", "open_deck"],
    );
  });

  it("/scooter shows the card without starting anything", async () => {
    const [card] = await stack.telegram.say(MECH, "/scooter sc-1003");
    assert.match(card.text, /🛴 sc-1003/);
    assert.match(card.text, /Поломка: не открывается замок парковки/);
    assert.match(card.text, /Ремонтов ещё не было/);
    const { repairHistory } = await stack.ok(`{ repairHistory(vehicleId: "sc-1003") { id } }`, {}, { jwt: "boss" });
    assert.deepEqual(repairHistory, []);
    const [unknown] = await stack.telegram.say(MECH, "/scooter sc-0000");
    assert.match(unknown.text, /Не нашёл такого.\nDrive does not know vehicle sc-0000/);
  });

  it("anyone not allowed gets one polite answer with login and id, whatever they send; nothing reaches upstream", async () => {
    const tg = stack.telegram;
    for (const text of ["/start", "/give cab-1 ctr-1", "acc-1001", "/repair sc-1001"]) {
      const replies = await tg.say(STRANGER, text);
      assert.equal(replies.length, 1);
      assert.match(replies[0].text, /Доступ закрыт.*@stranger.*5999/s);
    }
    await tg.photo(STRANGER, await qrPhoto("acc-1001"));
    await tg.settle();
    assert.equal(tg.chat(STRANGER.id).length, 5);
    assert.equal(stack.emulators.scooterAccumulator.calls().length, 0);
    assert.equal(stack.emulators.drive.calls().length, 0);
  });

  it("gateway errors become sentences that say what to do", async () => {
    const tg = stack.telegram;
    const [notFound] = await tg.say(KEEPER, "/give cab-9 ctr-1");
    assert.match(notFound.text, /Не нашёл такого.\nContractor ctr-1 has no booking at cabinet cab-9/);
    await stack.emulators.scooterAccumulator.setFault({ status: 503 });
    const [down] = await tg.say(KEEPER, "/give cab-1 ctr-1");
    assert.match(down.text, /Сервис сейчас не отвечает. Попробуйте через минуту./);
    await stack.emulators.scooterAccumulator.clearFault();
    const [forbidden] = await tg.say(KEEPER, "/repair sc-1001");
    assert.match(forbidden.text, /Это действие вам недоступно.\nOnly a repairer can do this/);
    for (const text of [...tg.sent.map((m) => m.text)]) assert.doesNotMatch(text, /undefined|null|\[object Object\]|Error:/);
  });

  it("setMyCommands registers every command in Russian and English", () => {
    const names = (lang: string) => stack.telegram.commands[lang]?.map((c) => c.command);
    const all = ["start", "give", "get", "done", "repair", "scooter", "cancel", "stats", "help"];
    assert.deepEqual(names(""), all);
    assert.deepEqual(names("en"), all);
  });

  it("an admin allows and removes operators from the bot, in English", async () => {
    const tg = stack.telegram;
    const [menu] = await tg.say(ADMIN_USER, "/start");
    assert.match(menu.text, /Hello, boss/);
    const [list] = await tg.press(ADMIN_USER, menu, "Operators");
    assert.match(list.text, /keeper_bot: ACCUMULATOR_KEEPER/);
    const [ask] = await tg.press(ADMIN_USER, list, "Add an operator");
    assert.match(ask.text, /login roles \[warehouse\]/);
    const [saved] = await tg.say(ADMIN_USER, "new_mech repairer wh-3");
    assert.match(saved.text, /Operator new_mech saved/);
    const [list2] = await tg.press(ADMIN_USER, menu, "Operators");
    assert.match(list2.text, /new_mech: REPAIRER, warehouse wh-3/);
    const [removed] = await tg.press(ADMIN_USER, list2, "Remove new_mech");
    assert.match(removed.text, /Access closed for new_mech/);
  });

  it("/cancel leaves the step and says what is kept", async () => {
    const tg = stack.telegram;
    await tg.say(KEEPER, "/give cab-1 ctr-1");
    await tg.say(KEEPER, "acc-1001");
    const [cancelled] = await tg.say(KEEPER, "/cancel");
    assert.match(cancelled.text, /Передача закрыта, все отсканированные аккумуляторы сохранены/);
    const { me } = await stack.ok(`{ me { state } }`, {}, { telegram: { id: KEEPER.id } });
    assert.equal(me.state, "NONE");
  });

  it("the repair goes on after a bot restart in the middle of it, and after a restart while the warehouse is asked", async () => {
    const tg = stack.telegram;
    await tg.say(MECH, "/repair sc-1005");
    await stack.stopBot();
    await stack.startBot();
    const [placeSet, , , panel] = await tg.say(MECH, "wh-1", 4);
    assert.match(placeSet.text, /Склад wh-1 запомнил/);
    await stack.stopBot();
    await stack.startBot();
    const [jobStarted] = await tg.press(MECH, panel, "Регулировка тормозов", 2);
    assert.match(jobStarted.text, /Работа «Регулировка тормозов» идёт/);
    const [again] = await tg.say(MECH, "/start", 2);
    assert.match(again.text, /Здравствуйте/);
    const panelNow = tg.chat(MECH.id).at(-1)!;
    assert.match(panelNow.text, /Ремонт sc-1005. Идёт работа «Регулировка тормозов»/);
  });

  it("Telegram's 429 is waited out (retry_after) and replies to one chat are at least ~1 s apart", async () => {
    const tg = stack.telegram;
    tg.failNext("sendMessage", 1, 1);
    const started = Date.now();
    const [menu] = await tg.say(KEEPER, "/start");
    assert.match(menu.text, /Здравствуйте/);
    assert.ok(Date.now() - started >= 900, "retry_after was honoured");
    await stack.operator("keeper_bot", ["ACCUMULATOR_KEEPER", "REPAIRER"], "wh-1");
    await tg.say(KEEPER, "/repair sc-1006", 3);
    const times = tg.chat(KEEPER.id).slice(-3).map((m) => m.at);
    for (let i = 1; i < times.length; i++) assert.ok(times[i] - times[i - 1] >= 900, `gap ${times[i] - times[i - 1]} ms`);
  });

  it("CONFLICT, BAD_USER_INPUT and UPSTREAM_REJECTED in words, with the detail that says what to do", async () => {
    const tg = stack.telegram;
    await stack.operator("mech_bot", ["REPAIRER"], "wh-1");
    await stack.operator("mech_two", ["REPAIRER"], "wh-1");
    await stack.ok(`mutation { startRepair(input: { repairId: "other-1", vehicleId: "sc-1007" }) { id } }`, {}, { jwt: "mech_two" });
    const [conflict] = await tg.say(MECH, "/repair sc-1007");
    assert.match(conflict.text, /Так нельзя прямо сейчас.\nVehicle sc-1007 is already under repair other-1 by mech_two/);
    const [unknownVehicle] = await tg.say(MECH, "/repair sc-0000");
    assert.match(unknownVehicle.text, /Проверьте, что ввели.\nDrive does not know vehicle sc-0000/);
    await stack.ok(`mutation { upsertOperator(input: { login: "mech_bot", roles: [REPAIRER], placeId: null }) { login } }`, {}, { jwt: "boss" });
    await tg.say(MECH, "/repair sc-1008");
    const [badPlace] = await tg.say(MECH, "wh-404");
    assert.match(badPlace.text, /Проверьте, что ввели.\nThere is no warehouse wh-404/);
    await stack.emulators.scooterAccumulator.setFault({ status: 403 });
    const [rejected] = await tg.say(KEEPER, "/give cab-1 ctr-1");
    assert.match(rejected.text, /Сервис отказал.\nscooter-accumulator refused: injected HTTP 403/);
  });

  it("when the gateway cannot be reached, or refuses the bot's token, the user is told plainly", async () => {
    const tg = stack.telegram;
    await stack.stopBot();
    const unreachable = await stack.startBot({ GATEWAY_URL: "http://127.0.0.1:9/graphql" });
    const [down] = await tg.say(KEEPER, "/start");
    assert.match(down.text, /Сервис бота сейчас недоступен/);
    await stack.stopBot(unreachable);
    const wrongToken = await stack.startBot({ BOT_SERVICE_TOKEN: "not-the-token" });
    const [refused] = await tg.say(KEEPER, "/start");
    assert.match(refused.text, /Бот не смог представиться сервису/);
    await stack.stopBot(wrongToken);
    await stack.startBot();
  });
});

describe("the bot in webhook mode, two replicas", () => {
  const stack = new BotStack();
  before(async () => {
    await stack.start();
    await stack.stopBot();
  });
  after(() => stack.stop());

  it("updates come by webhook with the secret; a wrong secret is refused; a second replica answers the same way", async () => {
    await stack.operator("keeper_bot", ["ACCUMULATOR_KEEPER"]);
    const tg = stack.telegram;
    const webhook = { TELEGRAM_WEBHOOK_URL: "http://127.0.0.1:0/telegram/hook", TELEGRAM_WEBHOOK_SECRET: "s3cret-token", BOT_WEBHOOK_PORT: "0" };
    const first = await stack.startBot(webhook);
    // the registered URL names port 0; point the fake at the port the server really got
    tg.webhook = { url: `http://127.0.0.1:${first.port}/telegram/hook`, secret: "s3cret-token" };
    const [booking] = await tg.say(KEEPER, "/give cab-1 ctr-1");
    assert.match(booking.text, /Выдача: шкаф cab-1/);
    assert.equal(await tg.forgeWebhook({ update_id: 1, message: { message_id: 1, date: 0, chat: { id: 1, type: "private" }, text: "/start" } }, "wrong"), 401);

    const second = await stack.startBot({ ...webhook });
    tg.webhook = { url: `http://127.0.0.1:${second.port}/telegram/hook`, secret: "s3cret-token" };
    const [scan] = await tg.say(KEEPER, "acc-1001");
    assert.match(scan.text, /✅ Записано: acc-1001/);
    // the same update through both replicas: handled once
    const update = tg.send(KEEPER, "acc-1002");
    tg.webhook = { url: `http://127.0.0.1:${first.port}/telegram/hook`, secret: "s3cret-token" };
    tg.redeliver(update);
    await tg.settle();
    assert.equal(stack.emulators.scooterAccumulator.calls("accumulatorTaken").length, 2);
    assert.equal(tg.chat(KEEPER.id).filter((m) => /acc-1002/.test(m.text)).length, 1);
  });
});

describe("the bot process (npm run start:bot)", () => {
  const stack = new BotStack();
  before(async () => {
    await stack.start();
    await stack.stopBot();
  });
  after(() => stack.stop());

  it("runs from dist/ on the environment alone, answers, and stops cleanly on SIGTERM; a missing setting is one line", async () => {
    await stack.operator("keeper_bot", ["ACCUMULATOR_KEEPER"]);
    const main = join(repoRoot(), "dist", "bot", "main.js");
    const child = spawn(process.execPath, [main], { env: { PATH: process.env.PATH, ...stack.botEnv({ LOG_LEVEL: "info" }) }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const deadline = Date.now() + 15000;
    while (!output.includes("bot ready")) {
      assert.ok(Date.now() < deadline && child.exitCode === null, output);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [menu] = await stack.telegram.say(KEEPER, "/start");
    assert.match(menu.text, /Здравствуйте, keeper_bot/);
    child.kill("SIGTERM");
    assert.equal(await exited, 0, output);

    const missing = spawn(process.execPath, [main], { env: { PATH: process.env.PATH }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    missing.stderr.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => missing.on("exit", (c) => resolve(c)));
    assert.equal(code, 1);
    assert.equal(stderr.trim(), "configuration: missing TELEGRAM_BOT_TOKEN, BOT_SERVICE_TOKEN");
  });
});
