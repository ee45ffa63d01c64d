/**
 * npm run bench:bot: what a person in the chat waits for, through the fake Bot API, the real bot,
 * the gateway, PostgreSQL and the emulators. A press or a message is answered when the first send
 * or edit of that chat arrives. Telegram's limit of one message per second per chat (kept by the
 * bot's limiter) is waited out between actions, so each sample is the bot's own time.
 *   - a repair panel button (one edit in place)
 *   - a typed scan in a GIVE handover (one new message; the older one's buttons come off after it)
 *   - /repair <vehicle>: card and panel in one message (before: four messages, about 3 s)
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

    console.log(
      JSON.stringify(
        {
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
