import assert from "node:assert/strict";
import { describe, it } from "node:test";
import sharp from "sharp";
import QRCode from "qrcode";
import { BotConfigError, loadBotConfig } from "../bot/config";
import { formatFor, lastDays } from "../bot/format";
import { dashboardLink } from "../bot/flows/stats";
import { isRecord, langOf, messages, WORDED_CODES } from "../bot/messages";
import { decodeQr } from "../bot/qr";
import { ClientError } from "graphql-request";
import { scanAheadOf } from "../bot/flows/handover";
import { SessionHints } from "../bot/hints";
import { JOB_TYPES_TTL_MS, JobTypeCache } from "../bot/job-types";
import { errorCode, Turn } from "../bot/turn";
import {
  isCancelWord,
  isFinishingWord,
  isSentence,
  isYesOrNo,
  looksLikeId,
  otherIdKind,
  parseCommand,
  parseOperatorLine,
  readIds,
  splitIds,
} from "../bot/text";

describe("bot: pure rules", () => {
  it("ids are split by spaces, commas, semicolons and new lines, without repeats", () => {
    assert.deepEqual(splitIds(" acc-1, acc-2\nacc-3;acc-1  "), ["acc-1", "acc-2", "acc-3"]);
    assert.deepEqual(splitIds(" \n "), []);
    assert.deepEqual(splitIds("acc-3001. acc-3002:"), ["acc-3001", "acc-3002"], "a dot or colon ending a token ends the sentence");
    assert.deepEqual(splitIds("cab-1.2 ."), ["cab-1.2"]);
  });

  it("commands with the bot's name and arguments", () => {
    assert.deepEqual(parseCommand("/give@scooter_ops_bot cab-1 ctr-1"), { name: "give", args: ["cab-1", "ctr-1"] });
    assert.deepEqual(parseCommand("/DONE"), { name: "done", args: [] });
    assert.equal(parseCommand("acc-1"), null);
  });

  it("operator lines for admins", () => {
    assert.deepEqual(parseOperatorLine("@Ivan repairer,keeper wh-1"), { login: "Ivan", roles: ["REPAIRER", "ACCUMULATOR_KEEPER"], placeId: "wh-1" });
    assert.equal(parseOperatorLine("ivan"), null);
    assert.equal(parseOperatorLine("ivan wizard"), null);
    assert.deepEqual(parseOperatorLine("ivan_petrov Механик,кладовщик wh-1"), {
      login: "ivan_petrov",
      roles: ["REPAIRER", "ACCUMULATOR_KEEPER"],
      placeId: "wh-1",
    });
    assert.deepEqual(parseOperatorLine("olga руководитель"), { login: "olga", roles: ["MANAGER"], placeId: undefined });
  });

  it("Russian unless the Telegram language is something else", () => {
    assert.deepEqual([langOf(undefined), langOf("ru"), langOf("ru-RU"), langOf("en"), langOf("de")], ["ru", "ru", "ru", "en", "en"]);
  });

  it("every error code has its own sentence in both languages, from the code and fields, never the gateway's message", () => {
    for (const lang of ["ru", "en"] as const) {
      const t = messages(lang);
      const generic = t.error("SOMETHING_NEW", {});
      for (const code of WORDED_CODES.filter((c) => c !== "INTERNAL_SERVER_ERROR")) assert.notEqual(t.error(code, {}), generic, `${lang} ${code}`);
    }
    assert.equal(messages("ru").error("RATE_LIMITED", { retryAfterSeconds: 7 }), "Слишком много действий подряд. Подождите 7 с и повторите.");
    assert.equal(messages("en").error("RATE_LIMITED", { retryAfterSeconds: 2.2 }), "Too many actions in a row. Wait 3 s and try again.");
    assert.match(messages("ru").error("UNAVAILABLE", {}), /Попробуйте через минуту/);
    assert.equal(messages("ru").error("CONFLICT", { reason: "JOB_RUNNING", jobTitle: "Крылья (замена)" }), "Сначала закончите работу «Крылья (замена)».");
    assert.equal(
      messages("ru").error("NOT_FOUND", { reason: "NO_BOOKING", cabinetId: "cab-9", contractorId: "ctr-1" }).split(".")[0],
      "Не нашёл брони: у контрактора ctr-1 нет брони в шкафу cab-9",
    );
    assert.match(messages("ru").error("FORBIDDEN", { reason: "ROLE", roles: ["REPAIRER"] }), /^Для этого нужна роль «ремонт»\./);
    assert.equal(
      messages("ru").error("INVALID_STATE", { reason: "OTHER_KIND", openKind: "GIVE" }),
      "Сейчас идёт выдача аккумуляторов: сначала закончите её («✅ Готово»).",
    );
    assert.equal(
      messages("ru").error("INVALID_STATE", { reason: "OTHER_KIND", openKind: "GET" }),
      "Сейчас идёт приём аккумуляторов: сначала закончите его («✅ Готово»).",
    );
    for (const lang of ["ru", "en"] as const) {
      const sample = messages(lang).error("UPSTREAM_UNAVAILABLE", { upstream: { service: "drive", message: "no answer within 3000 ms" } });
      assert.doesNotMatch(sample, /3000 ms/, "an upstream's free text is not the sentence");
    }
  });

  it("what can be an id, and the words that finish a handover", () => {
    assert.deepEqual(readIds("acc-1001, Acc-1002 привет"), { ids: ["acc-1001", "Acc-1002"], words: ["привет"] });
    assert.deepEqual(readIds("шкаф 1"), { ids: ["1"], words: ["шкаф"] });
    assert.equal(isSentence(readIds("осталось 2 штуки")), true, "a sentence: nothing of it is scanned");
    assert.equal(isSentence(readIds("acc-1001, Acc-1002 привет")), false, "ids with a stray word are still scans");
    assert.equal(isSentence(readIds("acc-1001 acc-1002")), false);
    assert.equal(looksLikeId("асс-1001"), true, "Cyrillic letters and digits can be an id (the gateway matches them)");
    assert.equal(looksLikeId("закончил"), false);
    for (const word of ["закончил", "Готово!", "всё", "Все.", "done", "ГОТОВО 👍"]) assert.equal(isFinishingWord(word), true, word);
    for (const word of ["acc-1001", "не готово", "готово acc-1"]) assert.equal(isFinishingWord(word), false, word);
    for (const word of ["Отмена", "стоп!", "Cancel", "отменить."]) assert.equal(isCancelWord(word), true, word);
    for (const word of ["не отмена", "отмена acc-1001", "стоп-кран"]) assert.equal(isCancelWord(word), false, word);
  });

  it("dates in the company's time zone, in Russian format", () => {
    const f = formatFor("ru", "Europe/Moscow");
    assert.equal(f.dateTime("2026-12-01T18:30:00Z"), "01.12.2026, 21:30");
    assert.equal(f.date("2026-12-31T22:00:00Z"), "01.01.2027");
    assert.equal(f.number(487.5), "487,5");
    assert.equal(formatFor("ru", "Asia/Yekaterinburg").dateTime("2026-12-01T18:30:00Z"), "01.12.2026, 23:30");
    assert.throws(() => loadBotConfig({ TELEGRAM_BOT_TOKEN: "t", BOT_SERVICE_TOKEN: "s", TIME_ZONE: "Mars/Olympus" }), /TIME_ZONE/);
    assert.equal(loadBotConfig({ TELEGRAM_BOT_TOKEN: "t", BOT_SERVICE_TOKEN: "s" }).timeZone, "Europe/Moscow");
  });

  it("QR codes are read from photos, also rotated and JPEG-compressed; a photo without one is null", async () => {
    const png = await QRCode.toBuffer("acc-1234", { type: "png", width: 300, margin: 4 });
    assert.equal(await decodeQr(png), "acc-1234");
    const photo = await sharp(png).resize(1280, 1280).rotate(90).jpeg({ quality: 70 }).toBuffer();
    assert.equal(await decodeQr(photo), "acc-1234");
    const blank = await sharp({ create: { width: 200, height: 200, channels: 3, background: "#fff" } })
      .png()
      .toBuffer();
    assert.equal(await decodeQr(blank), null);
    assert.equal(await decodeQr(Buffer.from("not an image")), null);
  });

  it("configuration: token and service token are required; webhook mode needs its secret", () => {
    assert.throws(
      () => loadBotConfig({}),
      (e: unknown) => e instanceof BotConfigError && e.message === "configuration: missing TELEGRAM_BOT_TOKEN, BOT_SERVICE_TOKEN",
    );
    assert.throws(
      () => loadBotConfig({ TELEGRAM_BOT_TOKEN: "t", BOT_SERVICE_TOKEN: "s", TELEGRAM_WEBHOOK_URL: "https://bot.example/hook" }),
      /TELEGRAM_WEBHOOK_SECRET/,
    );
    const config = loadBotConfig({ TELEGRAM_BOT_TOKEN: "t", BOT_SERVICE_TOKEN: "s" });
    assert.equal(config.apiRoot, "https://api.telegram.org");
    assert.equal(config.gatewayUrl, "http://localhost:4000/graphql");
    assert.equal(config.webhook, null);
  });
  it("a scan asked ahead: one id typed in an open handover the bot waits at, nothing else", () => {
    const give = { state: "GIVE_ACCUMULATORS", botStep: null } as const;
    assert.deepEqual(scanAheadOf(give, " Acc-1001 "), { kind: "GIVE", accumulatorId: "Acc-1001" });
    assert.deepEqual(scanAheadOf({ state: "GET_ACCUMULATORS", botStep: null }, "acc-9001"), { kind: "GET", accumulatorId: "acc-9001" });
    assert.equal(scanAheadOf(give, "acc-1 acc-2"), null, "several ids: each is asked for in turn");
    assert.equal(scanAheadOf(give, "готово"), null, "finishing words finish");
    assert.equal(scanAheadOf(give, "осталось 2 штуки"), null, "a sentence is not a scan");
    assert.equal(scanAheadOf(give, "привет"), null);
    assert.equal(scanAheadOf({ state: "GIVE_ACCUMULATORS", botStep: "GIVE:cabinet" }, "cab-2"), null, "the bot waits for another answer");
    assert.equal(scanAheadOf({ state: "NONE", botStep: null }, "acc-1001"), null);
    assert.equal(scanAheadOf({ state: "REPAIR", botStep: null }, "acc-1001"), null);
    assert.equal(scanAheadOf(undefined, "acc-1001"), null, "nothing seen of the person yet");
  });

  it("session hints keep the people who wrote last, at most the capacity", () => {
    const hints = new SessionHints(2);
    hints.remember(1, { state: "GIVE_ACCUMULATORS", botStep: null });
    hints.remember(2, { state: "NONE", botStep: "x" });
    hints.remember(1, { state: "GET_ACCUMULATORS", botStep: null }); // 1 is now the newest
    hints.remember(3, { state: "REPAIR", botStep: null });
    assert.equal(hints.of(2), undefined, "the one seen longest ago goes");
    assert.deepEqual(hints.of(1), { state: "GET_ACCUMULATORS", botStep: null });
    assert.deepEqual(hints.of(3), { state: "REPAIR", botStep: null });
  });

  it("a scan made ahead that the gateway refused: the claim and session stand, the flow gets the refusal once", async () => {
    const ctx = { from: { id: 1, language_code: "ru" }, update: { update_id: 9 }, chatId: 1 } as never;
    const turn = new Turn(ctx, { gatewayUrl: "http://127.0.0.1:9/graphql", serviceToken: "t", timeZone: "Europe/Moscow" } as never);
    const me = { state: "GIVE_ACCUMULATORS", botStep: null };
    const refusal = { message: "bad", path: ["openTelegramUpdate", "scan"], extensions: { code: "BAD_USER_INPUT" } };
    const failing = (errors: unknown[]) => () =>
      Promise.reject(new ClientError({ data: { openTelegramUpdate: { claimed: true, me, scan: null } }, errors, status: 200 } as never, { query: "" }));
    Object.assign(turn.gw, { OpenTelegramUpdateScanning: failing([refusal]) });
    assert.deepEqual(await turn.open("9", { kind: "GIVE", accumulatorId: "acc-1" }), { claimed: true });
    assert.equal(turn.me.state, "GIVE_ACCUMULATORS");
    assert.equal(turn.takeScanAhead("GIVE", "acc-2"), null, "another id is not the one made");
    assert.equal(turn.scanAheadUntaken, true);
    assert.throws(
      () => turn.takeScanAhead("GIVE", "acc-1"),
      (error: unknown) => errorCode(error) === "BAD_USER_INPUT",
    );
    assert.equal(turn.takeScanAhead("GIVE", "acc-1"), null, "taken once");
    assert.equal(turn.scanAheadUntaken, false);
    // an error of the call itself (not only of the scan) is the update's, as without a scan
    Object.assign(turn.gw, { OpenTelegramUpdateScanning: failing([{ ...refusal, path: ["openTelegramUpdate"], extensions: { code: "FORBIDDEN" } }]) });
    await assert.rejects(turn.open("9", { kind: "GIVE", accumulatorId: "acc-1" }), (error: unknown) => errorCode(error) === "FORBIDDEN");
    // a gateway that does not know `scan` yet (the bot deployed first): opened as before, nothing made ahead
    const plain: string[] = [];
    Object.assign(turn.gw, {
      OpenTelegramUpdateScanning: failing([{ message: "Unknown argument", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }]),
      OpenTelegramUpdate: (vars: { updateId: string }) => (plain.push(vars.updateId), Promise.resolve({ openTelegramUpdate: { claimed: true, me } })),
    });
    assert.deepEqual(await turn.open("10", { kind: "GIVE", accumulatorId: "acc-1" }), { claimed: true });
    assert.deepEqual(plain, ["10"]);
    assert.equal(turn.scanAheadUntaken, false);
  });

  it("job types are asked once a minute per language; a failure is asked again at once", async () => {
    let clock = 0;
    const cache = new JobTypeCache(() => clock);
    const asked: string[] = [];
    const ask =
      (lang: string, fail = false) =>
      () => {
        asked.push(lang);
        return fail ? Promise.reject(new Error("down")) : Promise.resolve([{ code: "BRAKE_CABLE", title: lang, variants: [], active: true }]);
      };
    assert.equal((await cache.get("ru", ask("ru")))[0].title, "ru");
    assert.equal((await cache.get("ru", ask("ru")))[0].title, "ru");
    assert.equal((await cache.get("en", ask("en")))[0].title, "en", "titles are in the person's language");
    assert.deepEqual(asked, ["ru", "en"]);
    clock += JOB_TYPES_TTL_MS + 1;
    await assert.rejects(cache.get("ru", ask("ru", true)));
    await cache.get("ru", ask("ru"));
    assert.deepEqual(asked, ["ru", "en", "ru", "ru"]);
  });

  it("durations as people say them: under a minute, minutes, hours, days; firmware blocks by name", () => {
    const ru = messages("ru");
    const f = formatFor("ru", "Europe/Moscow");
    const job = (durationSeconds: number) => ({ title: "Крылья", variant: null, status: "COMPLETED", durationSeconds });
    const ended = (seconds: number) => ru.repairEnded("sc-1", "COMPLETED", [job(seconds)], seconds).split("\n");
    assert.deepEqual(ended(20), ["🏁 Ремонт sc-1 завершён меньше чем за минуту.", "Работы:", "✅ Крылья — выполнено, меньше минуты"]);
    assert.deepEqual(ended(125), ["🏁 Ремонт sc-1 завершён за 2 мин.", "Работы:", "✅ Крылья — выполнено, 2 мин"]);
    assert.equal(ended(3600 + 25 * 60)[0], "🏁 Ремонт sc-1 завершён за 1 ч 25 мин.");
    assert.equal(ended(3 * 3600)[0], "🏁 Ремонт sc-1 завершён за 3 ч.");
    assert.equal(ended(3 * 86400 + 5 * 3600 + 10)[0], "🏁 Ремонт sc-1 завершён за 3 дн 5 ч.");
    assert.equal(messages("en").repairEnded("sc-1", "FAILED", [], 7200).split("\n")[0], "⚠️ Repair of sc-1 ended as failed (2 h).");
    const card = ru.card(
      {
        vehicleId: "sc-1",
        mileageKm: 10,
        brokenComment: null,
        firmware: [
          { block: "dashboard", version: "2.1.0" },
          { block: "IoT", version: "5" },
          { block: "gps-x", version: "1" },
        ],
        lastRepairAt: null,
        sinceKm: null,
        active: null,
        repairs: [],
      },
      f,
    );
    assert.match(card, /\nПрошивки: приборная панель 2\.1\.0, модуль связи 5, gps-x 1\n/, "a block the catalogue does not know keeps its code");
  });

  it("records (a handover's summary, a repair's end) are told from prompts, in both languages", () => {
    for (const lang of ["ru", "en"] as const) {
      const t = messages(lang);
      const summary = {
        kind: "GIVE",
        cabinetId: "cab-1",
        contractorId: "ctr-1",
        done: ["acc-1"],
        outside: [],
        missing: [],
        rejected: [],
        pending: [],
        returnCells: [],
      } as const;
      assert.ok(isRecord(t.summary(summary as never)), `${lang} summary`);
      for (const status of ["COMPLETED", "FAILED", "CANCELLED"]) assert.ok(isRecord(t.repairEnded("sc-1", status, [], 60)), `${lang} ${status}`);
      // a repair's start with the card, after the warehouse's note or not; the panel below it is a prompt
      const panel = t.repairPanel(
        { vehicleId: "sc-1", placeId: "wh-1", placeName: "Склад Север", startedAt: new Date().toISOString(), jobs: [], running: null },
        formatFor(lang, "UTC"),
      );
      assert.ok(isRecord(`${t.repairStarted("sc-1")}\n🛴 sc-1\n\n${panel}`), `${lang} start`);
      assert.ok(isRecord(`${t.placeSet("wh-1", null)}\n${t.repairStarted("sc-1")}\n🛴 sc-1`), `${lang} start after the warehouse`);
      for (const prompt of [t.askCabinet("GIVE"), t.scanHint, t.noRepair, t.controlResult("x", "NO_ANSWER"), t.controlResult("x", "FAILED"), panel])
        assert.equal(isRecord(prompt), false, prompt);
    }
    assert.equal(isRecord(undefined), false);
  });

  it("/stats counts the dashboard's «7 дней»: today and the six days before, from midnight in the company's time zone", () => {
    // 23:30 in Moscow on 3 December is still the 3rd there (20:30 UTC)…
    assert.deepEqual(lastDays(7, "Europe/Moscow", new Date("2026-12-03T20:30:00Z")), {
      from: "2026-11-26T21:00:00.000Z",
      to: "2026-12-03T21:00:00.000Z",
      firstDay: "2026-11-27",
      lastDay: "2026-12-03",
    });
    // …and 00:30 on the 4th a moment later
    assert.equal(lastDays(7, "Europe/Moscow", new Date("2026-12-03T21:30:00Z")).firstDay, "2026-11-28");
    // a day of 23 hours (Berlin goes to summer time on 29 March 2026)
    const spring = lastDays(1, "Europe/Berlin", new Date("2026-03-29T12:00:00Z"));
    assert.deepEqual([spring.from, spring.to], ["2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"]);
  });

  it("the dashboard's link keeps the base's own address and carries the days, the warehouse and the sign-in", () => {
    const days = { firstDay: "2026-11-27", lastDay: "2026-12-03" };
    assert.equal(
      dashboardLink("https://ops.example.test/dashboard?lang=ru", days, "wh-1", "a.b.c"),
      "https://ops.example.test/dashboard?lang=ru&from=2026-11-27&to=2026-12-03&place=wh-1#token=a.b.c",
    );
    assert.equal(dashboardLink("https://ops.example.test/dashboard", days, null, null), "https://ops.example.test/dashboard?from=2026-11-27&to=2026-12-03");
  });

  it("ids of other things than accumulators, and yes or no typed as words", () => {
    assert.deepEqual(["sc-1001", "SC-7", "cab-2", "ctr-1", "wh-3", "acc-1001", "scooter"].map(otherIdKind), [
      "vehicle",
      "vehicle",
      "cabinet",
      "contractor",
      "place",
      null,
      null,
    ]);
    for (const yes of ["да", "Да!", " ок ", "нет.", "Yes"]) assert.ok(isYesOrNo(yes), yes);
    for (const other of ["да нет", "готово", "acc-1001", ""]) assert.equal(isYesOrNo(other), false, other);
  });
});
