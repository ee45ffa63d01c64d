/**
 * npm run bench:bot: what a person in the chat waits for, through the fake Bot API, the real bot,
 * the gateway, PostgreSQL and the emulators. A press or a message is answered when the first send
 * or edit of that chat arrives. Telegram's limit of one message per second per chat (kept by the
 * bot's limiter) is waited out between actions, so each sample is the bot's own time.
 *   - a repair panel button (one edit in place)
 *   - a typed scan in a GIVE handover (one new message; the older one's buttons come off after it)
 *   - /repair <vehicle>: card and panel in one message (before: four messages, about 3 s)
 *   - 100 people sending /start at once: everyone answered, the bot's calls within Telegram's limits
 */
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { FakeUser } from "../emulators/telegram";
import { BotStack } from "../test/support/bot-stack";

const KEEPER: FakeUser = { id: 7101, username: "bench_keeper" };
const MECH: FakeUser = { id: 7201, username: "bench_mech" };

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { n: samples.length, p50: +at(50).toFixed(1), p99: +at(99).toFixed(1), max: +sorted[sorted.length - 1].toFixed(1) };
}

async function main() {
  const stack = await new BotStack().start({ LOG_LEVEL: "silent" });
  const tg = stack.telegram;
  try {
    await stack.operator("bench_keeper", ["ACCUMULATOR_KEEPER"]);
    await stack.operator("bench_mech", ["REPAIRER"], "wh-1");
    const sa = stack.emulators.scooterAccumulator;
    const ids = Array.from({ length: 20 }, (_, i) => `acc-b${i}`);
    sa.data.cabinets.push("cab-b");
    for (const [i, id] of ids.entries()) sa.data.accumulators.push({ id, chargePercent: 90, cabinetId: "cab-b", cellId: `cab-b-c${i}`, holder: null });
    sa.data.bookings.push({ cabinetId: "cab-b", contractorId: "ctr-b", accumulators: ids, cellsForReturn: [] });

    const starts: number[] = [];
    const startMessages: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = tg.chat(MECH.id).length;
      const t = performance.now();
      const [panel] = await tg.say(MECH, `/repair sc-100${i + 1}`);
      starts.push(performance.now() - t);
      await sleep(1300);
      startMessages.push(tg.chat(MECH.id).length - before);
      // the end, confirmed: two presses
      await tg.press(MECH, panel, "Отменить ремонт");
      await sleep(1100);
      await tg.press(MECH, panel, "Да, отменить ремонт");
      await sleep(2300); // the summary, then the panel's buttons coming off: two calls, one per second
    }

    const [panel] = await tg.say(MECH, "/repair sc-1010");
    await sleep(2300);
    const presses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await tg.press(MECH, panel, i % 2 ? "К работам" : "Команды самокату");
      presses.push(performance.now() - t);
      await sleep(1100);
    }

    await tg.say(KEEPER, "/give cab-b ctr-b");
    await sleep(2300);
    const scans: number[] = [];
    for (const id of ids) {
      const t = performance.now();
      await tg.say(KEEPER, id);
      scans.push(performance.now() - t);
      await sleep(2100); // the reply and the older message's buttons coming off: two calls, one per second
    }

    // 100 people at once, each sending /start for the first time: everyone answered, and the
    // bot's calls kept within Telegram's limits (~30 messages/s per bot, 1 per second per chat)
    const crowd: FakeUser[] = Array.from({ length: 100 }, (_, i) => ({ id: 8000 + i, username: `crowd_${i}` }));
    for (const user of crowd) await stack.operator(user.username!, ["ACCUMULATOR_KEEPER"]);
    await tg.settle(1100);
    const callsBefore = tg.calls.length;
    const crowdWaits = await Promise.all(
      crowd.map(async (user) => {
        const t = performance.now();
        tg.send(user, "/start");
        const [reply] = await tg.waitFor(user.id, 1, 30_000);
        return { ms: performance.now() - t, answered: reply.text.includes("Что делаем") };
      }),
    );
    await tg.settle(1100);
    const toChats = tg.calls.slice(callsBefore).filter((c) => c.params.chat_id !== undefined);
    let busiestSecond = 0;
    for (const [i, call] of toChats.entries()) {
      let n = 0;
      for (let j = i; j < toChats.length && toChats[j].at < call.at + 1000; j++) n++;
      busiestSecond = Math.max(busiestSecond, n);
    }
    const byChat = new Map<unknown, number[]>();
    for (const call of toChats) byChat.set(call.params.chat_id, [...(byChat.get(call.params.chat_id) ?? []), call.at]);
    const gaps = [...byChat.values()].flatMap((times) => times.slice(1).map((at, k) => at - times[k]));

    console.log(
      JSON.stringify(
        {
          "100 people sending /start at once: until each sees the menu, ms": percentiles(crowdWaits.map((w) => w.ms)),
          "100 people at once: answered with the menu": crowdWaits.filter((w) => w.answered).length,
          "100 people at once: the bot's calls to chats in the busiest second (Telegram allows ~30)": busiestSecond,
          "100 people at once: shortest gap between two calls to one chat, ms (Telegram allows 1 per second)": gaps.length
            ? Math.min(...gaps)
            : "one call per chat",
          "repair panel button (one edit), ms": percentiles(presses),
          "scan typed in a handover (one message), ms": percentiles(scans),
          "/repair <vehicle> (card and panel), ms": percentiles(starts),
          "messages sent for /repair <vehicle>": [...new Set(startMessages)],
        },
        null,
        2,
      ),
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
