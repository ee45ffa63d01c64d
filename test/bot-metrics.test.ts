import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FakeUser } from "../emulators/telegram";
import { BotStack } from "./support/bot-stack";
import { eventually } from "./support/stack";

const KEEPER: FakeUser = { id: 5301, username: "keeper_metrics" };
const STRANGER: FakeUser = { id: 5302, username: "nobody_here" };

describe("the bot's own /metrics (BOT_METRICS_PORT)", () => {
  const stack = new BotStack();
  let metricsUrl: string;
  before(async () => {
    await stack.start();
    await stack.stopBot();
    const bot = await stack.startBot({ BOT_METRICS_PORT: "0" });
    metricsUrl = `http://127.0.0.1:${bot.metricsPort}/metrics`;
    await stack.operator("keeper_metrics", ["ACCUMULATOR_KEEPER"]);
  });
  after(() => stack.stop());

  it("counts updates by kind and outcome, times them and every gateway call, and counts Telegram calls and 429s", async () => {
    const tg = stack.telegram;
    const [menu] = await tg.say(KEEPER, "/start");
    assert.ok(menu.text.length > 0);
    await tg.say(STRANGER, "привет");
    tg.failNext("sendMessage", 1, 1);
    await tg.say(KEEPER, "/help");
    // the update is counted when its handler ends, a moment after its reply reached the chat
    const text = await eventually(
      async () => {
        const t = await (await fetch(metricsUrl)).text();
        return /scooter_ops_bot_updates_total\{kind="message",outcome="handled"\} [2-9]/.test(t) ? t : null;
      },
      5000,
      "both updates counted",
    );
    assert.match(text, /scooter_ops_bot_updates_total\{kind="message",outcome="handled"\} [2-9]/);
    assert.match(text, /scooter_ops_bot_updates_total\{kind="message",outcome="not_allowed"\} 1/);
    assert.match(text, /scooter_ops_bot_update_duration_seconds_count\{kind="message"\} [3-9]/);
    assert.match(text, /scooter_ops_bot_telegram_calls_total\{method="sendMessage",status="200"\} \d/);
    assert.match(text, /scooter_ops_bot_telegram_calls_total\{method="sendMessage",status="429"\} 1/);
    // every update's first call: the claim and the session in one (the stranger's refused)
    assert.match(text, /scooter_ops_bot_gateway_duration_seconds_count\{operation="OpenTelegramUpdate",outcome="ok"\} [2-9]/);
    assert.match(text, /scooter_ops_bot_gateway_duration_seconds_count\{operation="OpenTelegramUpdate",outcome="error"\} 1/);
    assert.match(text, /scooter_ops_bot_gateway_duration_seconds_count\{operation="CompleteTelegramUpdate",outcome="ok"\} [2-9]/);
  });
});
