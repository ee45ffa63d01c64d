import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { chromium, type Browser, type Page } from "playwright-core";
import { repoRoot } from "../emulators/paths";
import { LocalMode } from "./support/local-mode";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = join(repoRoot(), "test", "artifacts");

/** The latest bot message that has this button, and its button. */
function button(page: Page, name: string) {
  return page.locator(".msg.bot", { has: page.getByRole("button", { name, exact: true }) }).last().getByRole("button", { name, exact: true });
}

async function botSays(page: Page, pattern: RegExp) {
  await page.locator(".msg.bot", { hasText: pattern }).last().waitFor({ timeout: 20000 });
}

describe("the chat page in a real headless Chromium (local mode)", () => {
  const local = new LocalMode();
  let browser: Browser;
  before(async () => {
    assert.ok(existsSync(CHROMIUM), `Chromium is needed at ${CHROMIUM} (Debian: apt-get install chromium; .ci/run installs it)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    await local.start();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  });
  after(async () => {
    await browser?.close();
    await local.stop();
    local.remove();
  });

  it("a keeper gives accumulators and a mechanic repairs a scooter, by typing, QR photos and buttons", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${local.chatUrl}/`);
    await page.getByLabel("Кто пишет боту").selectOption({ label: "demo_keeper — выдаёт аккумуляторы" });

    const input = page.getByLabel("Сообщение");
    await input.fill("/give cab-1 ctr-1");
    await input.press("Enter");
    await botSays(page, /Выдача: шкаф cab-1, контрактор ctr-1/);
    await page.getByTitle("Отправить боту фото QR-кода acc-1001").click();
    await botSays(page, /✅ Записано: acc-1001/);
    await input.fill("acc-1002, acc-1003");
    await input.press("Enter");
    await botSays(page, /Выдано: 3 из 3/);
    await page.screenshot({ path: join(ARTIFACTS, "give-scans.png") });
    await button(page, "✅ Готово").click();
    await botSays(page, /Итог выдачи: шкаф cab-1, контрактор ctr-1/);
    await page.screenshot({ path: join(ARTIFACTS, "give-summary.png") });

    await page.getByLabel("Кто пишет боту").selectOption({ label: "demo_mechanic — ремонтник" });
    await input.fill("/repair");
    await input.press("Enter");
    await botSays(page, /Пришлите ID самоката/);
    await page.getByTitle("Отправить боту фото QR-кода sc-1001").click();
    await botSays(page, /Команды самокату и работы/);
    await button(page, "Крылья").click();
    await button(page, "замена").click();
    await botSays(page, /Идёт работа «Крылья»/);
    await button(page, "Мигнуть фонарём").click();
    await botSays(page, /Мигнуть фонарём: выполнено/);
    await button(page, "✅ Работа выполнена").click();
    await botSays(page, /Работа «Крылья»: выполнено/);
    await button(page, "🏁 Завершить ремонт").click();
    await botSays(page, /Ремонт sc-1001: выполнено/);
    await page.screenshot({ path: join(ARTIFACTS, "repair-done.png") });

    const { tokens } = { tokens: Object.fromEntries([...local.output.matchAll(/^\s+(demo_\w+)\s+(ey[\w.-]+)$/gm)].map((m) => [m[1], m[2]])) };
    const history = await local.gql(tokens.demo_admin, `{ repairHistory(vehicleId: "sc-1001") { status performer { login } jobs { type { code } variant status } } }`);
    assert.deepEqual(history.data.repairHistory[0], {
      status: "COMPLETED",
      performer: { login: "demo_mechanic" },
      jobs: [{ type: { code: "FENDERS" }, variant: "REPLACE", status: "COMPLETED" }],
    });
  });
});
