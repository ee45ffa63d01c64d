import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { repoRoot } from "../emulators/paths";
import { launchChromium } from "./support/chromium";
import { englishIn } from "./support/words";
import { LocalMode } from "./support/local-mode";
import { DEMO_OPERATORS } from "../local/sandbox";
import { HISTORY_MECHANICS } from "../local/seed-history";

const ARTIFACTS = join(repoRoot(), "test", "artifacts");
/** the logins a message may name: the demo operators and the seeded history's mechanics */
const LOGINS = [...new Set([...DEMO_OPERATORS.map((d) => d.login), ...HISTORY_MECHANICS.map((m) => m.login)])];

/** The latest bot message that has this button, and its button. */
function button(page: Page, name: string) {
  return page
    .locator(".msg.bot", { has: page.getByRole("button", { name, exact: true }) })
    .last()
    .getByRole("button", { name, exact: true });
}

async function botSays(page: Page, pattern: RegExp) {
  await page.locator(".msg.bot", { hasText: pattern }).last().waitFor({ timeout: 20000 });
}

async function say(page: Page, text: string) {
  const input = page.getByLabel("Сообщение");
  await input.fill(text);
  await input.press("Enter");
}

/**
 * What a person sees in one chat of the page: every bot message in Russian, no internal id, and
 * buttons only on the last message that has any (older ones were taken off, so none is refused).
 */
async function checkChat(local: LocalMode, chatId: number) {
  const log = (await local.chatLog()).filter((e) => e.chatId === chatId);
  const bot = log.filter((e) => e.from === "bot");
  assert.ok(bot.length > 0);
  for (const message of bot) {
    assert.deepEqual(englishIn(message.text, LOGINS), [], `English to a Russian user: ${message.text}`);
    assert.doesNotMatch(message.text, /tg-\d+|undefined|null|Error/, message.text);
  }
  const withButtons = bot.filter((m) => m.buttons.length > 0);
  assert.ok(withButtons.length <= 1, `live buttons on ${withButtons.length} messages`);
  assert.ok(bot.at(-1)!.buttons.length > 0, `the last message offers a way on: ${bot.at(-1)!.text}`);
}

describe("the chat page and the offline explorer in a real headless Chromium (local mode)", () => {
  const local = new LocalMode();
  let browser: Browser;
  let tokens: Record<string, string>;
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    ({ tokens } = await local.start());
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await local.stop();
    local.remove();
  });

  it("a keeper gives and takes back accumulators by typing, QR photos and buttons", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    await page.goto(`${local.chatUrl}/`);
    await page.getByLabel("Кто пишет боту").selectOption({ label: "demo_keeper — выдаёт аккумуляторы" });

    await say(page, "/start");
    await botSays(page, /Здравствуйте, demo_keeper!/);
    await button(page, "📤 Выдать аккумуляторы").click();
    await botSays(page, /Пришлите ID шкафа/);
    await say(page, "шкаф 1");
    await botSays(page, /«шкаф» не похоже на ID шкафа/);
    await say(page, "cab-1 ctr-1");
    await botSays(page, /📤 Выдача: шкаф cab-1, контрактор ctr-1/);
    await page.getByTitle("Отправить боту фото QR-кода acc-1001").click();
    await botSays(page, /✅ Записано: acc-1001/);
    await say(page, "Acc-1002, асс-1003");
    await botSays(page, /Выдано 3 из 3/);
    await page.screenshot({ path: join(ARTIFACTS, "give-scans.png") });
    await say(page, "готово");
    await botSays(page, /🧾 Итог выдачи: шкаф cab-1, контрактор ctr-1/);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(ARTIFACTS, "give-summary.png") });

    await button(page, "📥 Принять аккумуляторы").click();
    await botSays(page, /📥 Приём аккумуляторов/);
    await say(page, "cab-1 ctr-1");
    await botSays(page, /Ячейки для возврата \(3\): cab-1-r1, cab-1-r2, cab-1-r3/);
    await page.getByTitle("Отправить боту фото QR-кода acc-9001").click();
    await botSays(page, /✅ Записано: acc-9001/);
    await say(page, "привет");
    await botSays(page, /не похоже на ID аккумулятора/);
    await say(page, "acc-9002");
    await botSays(page, /Принято 2 из 3/);
    await button(page, "✅ Готово").click();
    await botSays(page, /🧾 Итог приёма/);
    await page.waitForTimeout(1500); // older messages lose their buttons within Telegram's 1/s limit
    await page.screenshot({ path: join(ARTIFACTS, "get-summary.png") });
    await checkChat(local, 1001);
  });

  it("a mechanic repairs a scooter: the card stays above the panel, which is edited in place; commands apart, confirmations", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    await page.goto(`${local.chatUrl}/`);
    await page.getByLabel("Кто пишет боту").selectOption({ label: "demo_mechanic — ремонтник" });
    await say(page, "/repair");
    await botSays(page, /Пришлите ID самоката/);
    await page.getByTitle("Отправить боту фото QR-кода sc-1002").click();
    await botSays(page, /Выберите работу/);
    await page.screenshot({ path: join(ARTIFACTS, "repair-panel.png") });
    await button(page, "Крылья").click();
    await button(page, "замена").click();
    await botSays(page, /Идёт работа: Крылья \(замена\)/);
    assert.equal(await button(page, "🏁 Завершить ремонт").count(), 0, "no finishing while a job runs");
    await button(page, "🛴 Команды самокату").click();
    await button(page, "Открыть замок").click();
    await botSays(page, /Открыть замок на самокате sc-1002\?/);
    await page.screenshot({ path: join(ARTIFACTS, "repair-confirm.png") });
    await button(page, "Да, открыть замок").click();
    await botSays(page, /✅ Открыть замок: выполнено/);
    await button(page, "⬅️ К работам").click();
    await button(page, "✅ Работа выполнена").click();
    await botSays(page, /✅ Крылья \(замена\): выполнено/);
    await button(page, "🏁 Завершить ремонт").click();
    await botSays(page, /🏁 Ремонт sc-1002 завершён/);
    await page.waitForTimeout(1500); // the panel loses its buttons within Telegram's 1/s limit
    await page.screenshot({ path: join(ARTIFACTS, "repair-done.png") });
    await checkChat(local, 1002);

    const history = await local.gql(
      tokens.demo_admin,
      `{ repairHistory(vehicleId: "sc-1002") { status performer { login } jobs { type { code } variant status } } }`,
    );
    assert.deepEqual(history.data.repairHistory[0], {
      status: "COMPLETED",
      performer: { login: "demo_mechanic" },
      jobs: [{ type: { code: "FENDERS" }, variant: "REPLACE", status: "COMPLETED" }],
    });
    assert.equal(
      (await local.chatLog()).filter((e) => e.chatId === 1002 && e.from === "bot").length,
      4,
      "four messages for the whole repair: the question, the start with the card, the panel (edited at every press) and the summary",
    );
  });

  it("the offline GraphiQL at /graphiql opens with the Sandbox's example document and header, and runs it", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const external: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(local.gatewayUrl)) external.push(request.url());
    });
    await page.goto(`${local.gatewayUrl}/graphiql`);
    await page.locator(".graphiql-container").waitFor({ timeout: 20000 });
    await page.getByText("mutation OpenGive").first().waitFor();
    await page.getByRole("button", { name: /Execute query/ }).click();
    await page.locator(".result-window", { hasText: "demo_admin" }).waitFor({ timeout: 10000 });
    await page.screenshot({ path: join(ARTIFACTS, "graphiql.png") });
    assert.deepEqual(external, [], "nothing is loaded from outside the gateway");
  });
});
