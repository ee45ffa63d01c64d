/**
 * npm run bench:bot: what a person in the chat waits for, through the fake Bot API, the real bot,
 * the gateway, PostgreSQL and the emulators. The gateway and the bot run as they are deployed: two
 * processes from dist/ with NODE_ENV=production; this process is the world around them (Telegram,
 * the upstream services, the people). A press or a message is answered when the first send or edit
 * of that chat arrives, and each answer is checked to be the one the action asks for (a bench of
 * the wrong reply measures nothing). Telegram's limit of one message per second per chat (kept by
 * the bot's limiter) is waited out between actions, so each sample is the bot's own time.
 *   - a repair panel button (one edit in place)
 *   - a typed scan in a GIVE handover (one new message; the older one's buttons come off after it)
 *   - /repair <vehicle>: card and panel in one message (before: four messages, about 3 s)
 *   - 100 people sending /start at once: everyone answered, the bot's calls within Telegram's limits
 *   BENCH_SAMPLES (default 40): presses and scans measured.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { Emulators } from "../emulators";
import { FakeTelegram, type FakeUser } from "../emulators/telegram";
import { dropDatabase, ensureDatabase } from "../gateway/db/databases";
import { PG_SERVER } from "../test/support/stack";
import { gql, sign, start, startGateway, stop } from "./processes";

const KEEPER: FakeUser = { id: 7101, username: "bench_keeper" };
const MECH: FakeUser = { id: 7201, username: "bench_mech" };
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);
const BOT_METRICS_PORT = 19_000 + Math.floor(Math.random() * 1000);
const BOT_TOKEN = "bench-bot-token"; // the service token startGateway gives the gateway

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { n: samples.length, p50: +at(50).toFixed(1), p99: +at(99).toFixed(1), max: +sorted[sorted.length - 1].toFixed(1) };
}

/** The answer is the one asked for, or the bench stops: a timing of the wrong reply is no timing. */
function expect(what: string, text: string | undefined, pattern: RegExp): void {
  if (!text || !pattern.test(text)) throw new Error(`${what}: expected ${String(pattern)}, the bot said ${JSON.stringify(text)}`);
}

/** Sum and count of a Prometheus histogram per label set, read from a /metrics page. */
async function histogram(url: string, name: string): Promise<Map<string, { sum: number; count: number }>> {
  const text = await (await fetch(url)).text();
  const rows = new Map<string, { sum: number; count: number }>();
  for (const match of text.matchAll(new RegExp(`^${name}_(sum|count)\\{([^}]*)\\} (\\S+)$`, "gm"))) {
    const key = match[2];
    const row = rows.get(key) ?? { sum: 0, count: 0 };
    row[match[1] as "sum" | "count"] = Number(match[3]);
    rows.set(key, row);
  }
  return rows;
}

/** Mean ms per label set between two readings of a histogram, for the label sets seen in between. */
function meansBetween(before: Map<string, { sum: number; count: number }>, after: Map<string, { sum: number; count: number }>) {
  const means: Record<string, string> = {};
  for (const [key, row] of after) {
    const count = row.count - (before.get(key)?.count ?? 0);
    if (count > 0) means[key.replace(/"/g, "")] = `${(((row.sum - (before.get(key)?.sum ?? 0)) * 1000) / count).toFixed(1)} ms × ${count}`;
  }
  return means;
}

async function main() {
  const databaseUrl = `${PG_SERVER}/scooter_ops_bench_bot_${randomBytes(3).toString("hex")}`;
  await ensureDatabase(databaseUrl);
  const emulators = new Emulators();
  const upstreams = await emulators.start();
  const tg = new FakeTelegram();
  await tg.start();
  const gateway = await startGateway(databaseUrl, upstreams);
  const bot = await start(
    "bot/main.js",
    {
      NODE_ENV: "production",
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.url,
      GATEWAY_URL: `${gateway.url}/graphql`,
      BOT_SERVICE_TOKEN: BOT_TOKEN,
      LOG_LEVEL: "info",
      BOT_METRICS_PORT: String(BOT_METRICS_PORT),
    },
    (line) => (line.includes("bot ready") ? "ready" : null),
  );
  const admin = sign("bench_admin");
  const operator = (login: string, roles: string[], placeId?: string) =>
    gql(gateway.url, admin, `mutation($i: OperatorInput!) { upsertOperator(input: $i) { login } }`, { i: { login, roles, placeId } });
  try {
    await operator("bench_keeper", ["ACCUMULATOR_KEEPER"]);
    await operator("bench_mech", ["REPAIRER"], "wh-1");
    const sa = emulators.scooterAccumulator;
    const ids = Array.from({ length: SAMPLES }, (_, i) => `acc-b${i}`);
    sa.data.cabinets.push("cab-b1");
    for (const [i, id] of ids.entries()) sa.data.accumulators.push({ id, chargePercent: 90, cabinetId: "cab-b1", cellId: `cab-b1-c${i}`, holder: null });
    sa.data.bookings.push({ cabinetId: "cab-b1", contractorId: "ctr-b1", accumulators: ids, cellsForReturn: [] });

    const starts: number[] = [];
    const startMessages: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = tg.chat(MECH.id).length;
      const t = performance.now();
      const [panel] = await tg.say(MECH, `/repair sc-100${i + 1}`);
      starts.push(performance.now() - t);
      expect("/repair", panel?.text, /sc-100/);
      await sleep(1300);
      startMessages.push(tg.chat(MECH.id).length - before);
      // the end, confirmed: two presses
      await tg.press(MECH, panel, "Отменить ремонт");
      await sleep(1100);
      await tg.press(MECH, panel, "Да, отменить ремонт");
      await sleep(2300); // the summary, then the panel's buttons coming off: two calls, one per second
    }

    const botMetrics = `http://127.0.0.1:${BOT_METRICS_PORT}/metrics`;
    const read = async () => ({
      bot: await histogram(botMetrics, "scooter_ops_bot_gateway_duration_seconds"),
      gateway: await histogram(`${gateway.url}/metrics`, "scooter_ops_graphql_duration_seconds"),
      upstream: await histogram(`${gateway.url}/metrics`, "scooter_ops_upstream_duration_seconds"),
    });
    const breakdown = (before: Awaited<ReturnType<typeof read>>, after: Awaited<ReturnType<typeof read>>) => ({
      "the bot's gateway calls (HTTP round trip)": meansBetween(before.bot, after.bot),
      "the gateway's own time per operation": meansBetween(before.gateway, after.gateway),
      "upstream calls": meansBetween(before.upstream, after.upstream),
    });

    const [panel] = await tg.say(MECH, "/repair sc-1010");
    await sleep(2300);
    const presses: number[] = [];
    expect("/repair", panel?.text, /sc-1010/);
    const beforePresses = await read();
    for (let i = 0; i < SAMPLES; i++) {
      const t = performance.now();
      const [edited] = await tg.press(MECH, panel, i % 2 ? "К работам" : "Команды самокату");
      presses.push(performance.now() - t);
      expect("a panel button", edited?.buttons?.map((b) => b.text).join(" "), i % 2 ? /Команды самокату/ : /К работам/);
      await sleep(1100);
    }

    const pressBreakdown = breakdown(beforePresses, await read());

    const [opened] = await tg.say(KEEPER, "/give cab-b1 ctr-b1");
    expect("/give", opened?.text, /acc-b0/);
    await sleep(2300);
    const scans: number[] = [];
    const beforeScans = await read();
    for (const [i, id] of ids.entries()) {
      const t = performance.now();
      const [reply] = await tg.say(KEEPER, id);
      scans.push(performance.now() - t);
      expect("a scan", reply?.text, new RegExp(`${id}\\b[^]*${i + 1} из ${ids.length}`));
      await sleep(2100); // the reply and the older message's buttons coming off: two calls, one per second
    }

    const scanBreakdown = breakdown(beforeScans, await read());

    // 100 people at once, each sending /start for the first time: everyone answered, and the
    // bot's calls kept within Telegram's limits (~30 messages/s per bot, 1 per second per chat)
    const crowd: FakeUser[] = Array.from({ length: 100 }, (_, i) => ({ id: 8000 + i, username: `crowd_${i}` }));
    for (const user of crowd) await operator(user.username!, ["ACCUMULATOR_KEEPER"]);
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
          "presses: where the time goes (means)": pressBreakdown,
          "scans: where the time goes (means)": scanBreakdown,
          "/repair <vehicle> (card and panel), ms": percentiles(starts),
          "messages sent for /repair <vehicle>": [...new Set(startMessages)],
        },
        null,
        2,
      ),
    );
  } finally {
    await stop(bot);
    await stop(gateway);
    await tg.stop();
    await emulators.stop();
    await dropDatabase(databaseUrl);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
