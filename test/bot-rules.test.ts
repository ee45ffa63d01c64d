import assert from "node:assert/strict";
import { describe, it } from "node:test";
import sharp from "sharp";
import QRCode from "qrcode";
import { BotConfigError, loadBotConfig } from "../bot/config";
import { langOf, messages } from "../bot/messages";
import { decodeQr } from "../bot/qr";
import { parseCommand, parseOperatorLine, splitIds } from "../bot/text";

describe("bot: pure rules", () => {
  it("ids are split by spaces, commas, semicolons and new lines, without repeats", () => {
    assert.deepEqual(splitIds(" acc-1, acc-2\nacc-3;acc-1  "), ["acc-1", "acc-2", "acc-3"]);
    assert.deepEqual(splitIds(" \n "), []);
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
  });

  it("Russian unless the Telegram language is something else", () => {
    assert.deepEqual([langOf(undefined), langOf("ru"), langOf("ru-RU"), langOf("en"), langOf("de")], ["ru", "ru", "ru", "en", "en"]);
    assert.equal(Object.keys(messages("en").errors).sort().join(), Object.keys(messages("ru").errors).sort().join());
  });

  it("QR codes are read from photos, also rotated and JPEG-compressed; a photo without one is null", async () => {
    const png = await QRCode.toBuffer("acc-1234", { type: "png", width: 300, margin: 4 });
    assert.equal(await decodeQr(png), "acc-1234");
    const photo = await sharp(png).resize(1280, 1280).rotate(90).jpeg({ quality: 70 }).toBuffer();
    assert.equal(await decodeQr(photo), "acc-1234");
    const blank = await sharp({ create: { width: 200, height: 200, channels: 3, background: "#fff" } }).png().toBuffer();
    assert.equal(await decodeQr(blank), null);
    assert.equal(await decodeQr(Buffer.from("not an image")), null);
  });

  it("configuration: token and service token are required; webhook mode needs its secret", () => {
    assert.throws(() => loadBotConfig({}), (e: unknown) => e instanceof BotConfigError && e.message === "configuration: missing TELEGRAM_BOT_TOKEN, BOT_SERVICE_TOKEN");
    assert.throws(
      () => loadBotConfig({ TELEGRAM_BOT_TOKEN: "t", BOT_SERVICE_TOKEN: "s", TELEGRAM_WEBHOOK_URL: "https://bot.example/hook" }),
      /TELEGRAM_WEBHOOK_SECRET/,
    );
    const config = loadBotConfig({ TELEGRAM_BOT_TOKEN: "t", BOT_SERVICE_TOKEN: "s" });
    assert.equal(config.apiRoot, "https://api.telegram.org");
    assert.equal(config.gatewayUrl, "http://localhost:4000/graphql");
    assert.equal(config.webhook, null);
  });
});
