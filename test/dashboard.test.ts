import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { repoRoot } from "../emulators/paths";
import { launchChromium } from "./support/chromium";
import { seedHistory } from "../local/seed-history";
import { parseCsv } from "./support/csv";
import { signJwt, Stack } from "./support/stack";

// These run inside the page (page.evaluate / waitForFunction); the project compiles without the DOM library.
declare const document: any;
declare const window: any;

const ARTIFACTS = join(repoRoot(), "test", "artifacts");

/** Waits until the page has finished a load of the statistics after `previous`. */
async function loaded(page: Page, previous = 0): Promise<number> {
  await page.waitForFunction(
    (n) => Number(document.body.getAttribute("data-loaded") ?? 0) > n && document.body.getAttribute("aria-busy") === "false",
    previous,
    { timeout: 20000 },
  );
  return Number(await page.getAttribute("body", "data-loaded"));
}

/** How many chart canvases have a Chart on them and painted pixels. */
function paintedCharts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const id of ["chart-days", "chart-jobs", "chart-vehicles", "chart-mechanics"]) {
      const canvas = document.getElementById(id);
      const chart = window.Chart.getChart(canvas);
      if (!chart || canvas.width === 0) {
        out[id] = 0;
        continue;
      }
      const pixels = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
      out[id] = painted;
    }
    return out;
  });
}

/** The repairs drawn in the per-day chart, all statuses together. */
function repairsInDayChart(page: Page): Promise<number> {
  return page.evaluate(() => {
    const chart = window.Chart.getChart("chart-days");
    return chart.data.datasets.reduce((sum: number, d: any) => sum + d.data.reduce((a: number, b: number) => a + b, 0), 0);
  });
}

describe("the managers' dashboard in a real headless Chromium", () => {
  const stack = new Stack();
  let browser: Browser;
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await stack.start();
    await stack.operator("mgr_olga", ["MANAGER"]);
    const seeded = await seedHistory(stack.gateway.orm.em.fork(), { timeZone: "Europe/Moscow" });
    assert.ok(seeded > 100, `seeded ${seeded}`);
    browser = await launchChromium(["--lang=ru-RU"]);
  });
  after(async () => {
    await browser?.close();
    await stack.stop();
  });

  it("signs in with a JWT; headline numbers and four charts; the warehouse filter changes them; the table links to the card; the export downloads and parses", async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 }, locale: "ru-RU", acceptDownloads: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      // (the test's own pixel readback makes Chromium suggest willReadFrequently: not the page's)
      if (message.type() === "error" || (message.type() === "warning" && !/willReadFrequently/.test(message.text()))) {
        problems.push(`${message.type()}: ${message.text()} ${message.location().url}`);
      }
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
    });
    const outside: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(stack.url) && !request.url().startsWith("blob:") && !request.url().startsWith("data:")) outside.push(request.url());
    });

    await page.goto(`${stack.url}/dashboard#token=${signJwt("mgr_olga")}`);
    let seq = await loaded(page);
    assert.equal(new URL(page.url()).hash, "", "the token leaves the address bar");
    assert.equal(await page.textContent("#who"), "@mgr_olga");
    const finishedAll = Number(await page.textContent("#c-finished"));
    assert.ok(finishedAll > 10, `finished in 30 days: ${finishedAll}`);
    assert.match((await page.textContent("#c-median"))!, /\d+ (мин|ч)/);
    assert.equal(await page.textContent("#c-now"), "1");
    const painted = await paintedCharts(page);
    for (const [id, pixels] of Object.entries(painted)) assert.ok(pixels > 500, `${id} is drawn (${pixels} pixels)`);
    const rowsAll = await page.locator("#rows tr").count();
    assert.equal(rowsAll, 25, "a page of the table");
    const inChartAll = await repairsInDayChart(page);
    await page.screenshot({ path: join(ARTIFACTS, "dashboard.png"), fullPage: true });

    // The warehouse filter: fewer repairs everywhere, the table only from that warehouse.
    await page.selectOption("#place", "wh-1");
    await loaded(page, seq);
    const inChartWh1 = await repairsInDayChart(page);
    assert.ok(inChartWh1 > 0 && inChartWh1 < inChartAll, `per-day chart: ${inChartWh1} of ${inChartAll}`);
    assert.ok(Number(await page.textContent("#c-finished")) < finishedAll);
    const places = await page.locator("#rows tr td:nth-child(3)").allTextContents();
    assert.ok(places.length > 0 && places.every((p) => p === "Склад Север"), places.join(","));
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-wh-1.png"), fullPage: true });

    // A vehicle's card from the table.
    const vehicle = (await page.locator("#rows a.vehicle").first().textContent())!;
    await page.locator("#rows a.vehicle").first().click();
    await page
      .locator("#vehicle-card")
      .getByText(/Пробег: \d/)
      .waitFor({ timeout: 10000 });
    assert.match((await page.textContent("#card-title"))!, new RegExp(vehicle));
    assert.match((await page.textContent("#card-body"))!, /Последние ремонты/);
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-card.png") });
    await page.getByRole("button", { name: "Закрыть" }).click();

    // The export: what the table shows (wh-1, 30 days), one row per job, for Excel.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
    assert.match(download.suggestedFilename(), /^repairs-\d{4}-\d\d-\d\d--\d{4}-\d\d-\d\d-wh-1\.csv$/, "the file is named by its period and warehouse");
    const bytes = readFileSync(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.subarray(3).toString("utf8"));
    assert.deepEqual(rows[0].slice(0, 3), ["самокат", "склад", "склад (ID)"]);
    const body = rows.slice(1);
    const total = Number(/\((\d+),/.exec((await page.textContent("#recent-count"))!)![1]);
    assert.ok(body.length >= total, `${body.length} job rows for ${total} repairs`);
    assert.equal(new Set(body.map((r) => r[16])).size, total, "every repair of the table is in the file");
    assert.ok(
      body.every((r) => r[1] === "Склад Север" && r[2] === "wh-1"),
      "the warehouse by its id and its name",
    );

    // The table's own filter.
    await page.selectOption("#t-status", "FAILED");
    await page.waitForFunction(() => [...document.querySelectorAll("#rows tr .status")].every((s: any) => s.textContent === "не получилось"), null, {
      timeout: 10000,
    });

    // The vehicle filter, typed in capitals; Enter applies it and reloads nothing.
    await page.selectOption("#t-status", "");
    const vehicleShown = (await page.textContent("#rows tr a.vehicle"))!;
    const address = new URL(page.url());
    await page.evaluate(() => (document.body.dataset.stayed = "yes"));
    await page.fill("#t-vehicle", vehicleShown.toUpperCase());
    await page.press("#t-vehicle", "Enter");
    await page.waitForFunction(
      (v) => {
        const links = [...document.querySelectorAll("#rows tr a.vehicle")];
        return links.length > 0 && links.every((a) => a.textContent === v);
      },
      vehicleShown,
      { timeout: 10000 },
    );
    assert.equal(await page.evaluate(() => document.body.dataset.stayed), "yes", "no reload");
    const filtered = new URL(page.url());
    for (const key of ["from", "to", "place"]) assert.equal(filtered.searchParams.get(key), address.searchParams.get(key), `the ${key} stays`);
    assert.equal(filtered.searchParams.get("vehicle"), vehicleShown.toUpperCase(), "the table's filter is in the address too");
    assert.equal(await page.inputValue("#t-vehicle"), vehicleShown.toUpperCase());
    await page.reload();
    seq = await loaded(page);
    assert.equal(await page.inputValue("#t-vehicle"), vehicleShown.toUpperCase(), "a reload keeps the table's filter");
    await page.waitForFunction((v) => [...document.querySelectorAll("#rows tr a.vehicle")].every((a) => a.textContent === v), vehicleShown, { timeout: 10000 });
    // nothing under the table's filter: it says to clear it, and the button does
    await page.fill("#t-vehicle", "sc-0000");
    await page.press("#t-vehicle", "Enter");
    await page
      .locator("#rows-empty")
      .getByText(/Под фильтр таблицы ремонтов нет\. Сбросьте фильтр таблицы/)
      .waitFor({ timeout: 10000 });
    await page.click("#t-reset");
    await page.waitForFunction(() => document.querySelectorAll("#rows tr").length > 0, null, { timeout: 10000 });
    assert.equal(await page.inputValue("#t-vehicle"), "");
    assert.equal(await page.isVisible("#t-reset"), false, "nothing to clear: no button");
    assert.equal(new URL(page.url()).searchParams.has("vehicle"), false);

    // An empty period says what to do.
    await page.fill("#from", "2020-01-01");
    await page.fill("#to", "2020-01-31");
    seq = await loaded(page, seq);
    assert.ok(await page.isVisible("#empty"));
    assert.match((await page.textContent("#empty"))!, /Выберите период длиннее/);
    await page
      .locator("#rows-empty")
      .getByText(/^За выбранный период ремонтов нет\. Выберите период длиннее или другой склад\.$/)
      .waitFor({ timeout: 5000 });
    assert.doesNotMatch((await page.textContent("#rows-empty"))!, /фильтр таблицы/, "no table filter is set, so none is to be cleared");
    assert.equal(await page.isVisible("#charts"), false);
    assert.equal(await page.textContent("#c-finished"), "0");
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-empty.png"), fullPage: true });

    // A preset brings the charts back.
    await page.click("button[data-days='365']");
    await loaded(page, seq);
    assert.ok(Object.values(await paintedCharts(page)).every((p) => p > 500));

    assert.deepEqual(problems, [], "no console errors or warnings");
    assert.deepEqual(outside, [], "nothing is loaded from anywhere but the gateway");
    await context.close();
  });

  it("on a phone in an English browser: fits the screen, stays Russian, an old answer never overwrites the table, Back closes the card, years draw weeks", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US", isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    // The table's answer for the year comes late: after the answer for 7 days.
    let slowYear = false;
    await page.route("**/graphql", async (route) => {
      const body = route.request().postData() ?? "";
      if (slowYear && body.includes("DashboardRepairs")) {
        slowYear = false;
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
      await route.continue();
    });
    await page.goto(`${stack.url}/dashboard#token=${signJwt("mgr_olga")}`);
    let seq = await loaded(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width} px wide on a 390 px screen`);
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-phone.png"), fullPage: true });
    const jobTitles: string[] = await page.evaluate(() => window.Chart.getChart("chart-jobs").data.labels);
    assert.ok(jobTitles.length > 0 && jobTitles.every((t) => /[а-яё]/i.test(t)), `job types in Russian: ${jobTitles.join(", ")}`);
    assert.match((await page.textContent("#tz-note"))!, /Москва/);

    slowYear = true;
    await page.tap("button[data-days='365']");
    await page.tap("button[data-days='7']");
    seq = await loaded(page, seq);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // the year's late answer has come by now
    const total = Number(/\((\d+),/.exec((await page.textContent("#recent-count")) ?? "(0,")![1]);
    assert.equal(total, await repairsInDayChart(page), "the table counts the 7 days the charts show, not the year that answered last");

    await page.locator("#rows a.vehicle").first().tap();
    await page
      .locator("#vehicle-card")
      .getByText(/Пробег: \d/)
      .waitFor({ timeout: 10000 });
    const cardBox = await page.locator("#vehicle-card").boundingBox();
    assert.ok(cardBox && cardBox.x >= 0 && cardBox.x + cardBox.width <= 390, `the card fits: ${JSON.stringify(cardBox)}`);
    assert.doesNotMatch((await page.textContent("#card-body"))!, /dashboard|controller/, "firmware blocks by their Russian names");
    await page.goBack();
    await page.waitForFunction(() => !document.getElementById("vehicle-card").open, null, { timeout: 5000 });

    // Two and a half years: by weeks, every week drawn, the labels with their year.
    await page.fill("#from", "2024-06-01");
    await loaded(page, seq);
    const weeks: string[] = await page.evaluate(() => window.Chart.getChart("chart-days").data.labels);
    assert.ok(weeks.length > 120, `${weeks.length} weeks`);
    assert.match(weeks[weeks.length - 1], /^\d\d\.\d\d\.\d\d$/);
    assert.equal(await repairsInDayChart(page), Number(/\((\d+),/.exec((await page.textContent("#recent-count"))!)![1]), "every repair of the period is drawn");
    assert.deepEqual(errors, []);
    await context.close();
  });

  it("the address keeps the period and the warehouse: a reload or a link sent on opens the same view; a broken link says so", async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: "ru-RU" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${stack.url}/dashboard#token=${signJwt("mgr_olga")}`);
    let seq = await loaded(page);
    await page.click("button[data-days='7']");
    seq = await loaded(page, seq);
    const place: string = await page.evaluate(() => document.querySelectorAll("#place option")[1].value);
    await page.selectOption("#place", place);
    await loaded(page, seq);
    const view = async () => ({
      from: await page.inputValue("#from"),
      to: await page.inputValue("#to"),
      place: await page.inputValue("#place"),
      repairs: await repairsInDayChart(page),
    });
    const shown = await view();
    const address = new URL(page.url());
    assert.deepEqual([address.searchParams.get("from"), address.searchParams.get("to"), address.searchParams.get("place")], [shown.from, shown.to, place]);
    assert.doesNotMatch(page.url(), /token/, "the token is never in the address");

    await page.reload();
    await loaded(page);
    assert.deepEqual(await view(), shown, "a reload shows the same period and warehouse");

    // a colleague's browser, signed in on its own, opening the link
    const other = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: "ru-RU" });
    const colleague = await other.newPage();
    colleague.on("pageerror", (error) => errors.push(error.message));
    await colleague.goto(`${address.toString()}#token=${signJwt("mgr_olga")}`);
    await loaded(colleague);
    assert.deepEqual(
      [await colleague.inputValue("#from"), await colleague.inputValue("#to"), await colleague.inputValue("#place")],
      [shown.from, shown.to, place],
    );
    await colleague.goto(`${stack.url}/dashboard?from=2026-13-45&to=вчера&place=wh-404`);
    await loaded(colleague);
    await colleague
      .locator("#error")
      .getByText(/^В ссылке неверный период — показаны последние 30 дней; склада «wh-404» нет в списке — показаны все склады\.$/)
      .waitFor({ timeout: 5000 });
    assert.equal(await colleague.inputValue("#place"), "");
    // a day that does not exist: said the same way, still signed in (it used to sign the manager out, «на стороне сервиса»)
    await colleague.goto(`${stack.url}/dashboard?from=2026-02-31&to=2026-03-05`);
    await loaded(colleague);
    await colleague
      .locator("#error")
      .getByText(/^В ссылке неверный период — показаны последние 30 дней\.$/)
      .waitFor({ timeout: 5000 });
    assert.equal(await colleague.isVisible("#app"), true);
    assert.equal(await colleague.isVisible("#signin"), false);
    assert.equal(await colleague.locator("button[data-days='30']").getAttribute("class"), "active", "the last 30 days instead");
    // a link broken mid-escape, or naming the prototype's keys: still signed in, said or ignored, no script error
    await colleague.goto(`${stack.url}/dashboard?from=2026-11-01&to=2026-11-30&place=__proto__&status=constructor#vehicle=%E0%A4%A`);
    await loaded(colleague);
    await colleague
      .locator("#error")
      .getByText(/склада «__proto__» нет в списке.*неизвестный статус/)
      .waitFor({ timeout: 5000 });
    assert.equal(await colleague.isVisible("#app"), true);
    assert.equal(await colleague.evaluate(() => Boolean(document.querySelector("#vehicle-card[open]"))), false);
    // a vehicle the service cannot take (broken mid-escape in the query): said in the page's words, no field name of the API
    await colleague.goto(`${stack.url}/dashboard?from=2026-11-01&to=2026-11-30&vehicle=%E0%A4%A`);
    await colleague
      .locator("#error")
      .getByText(/Проверьте поле «самокат»\.$/)
      .waitFor({ timeout: 10000 });
    assert.doesNotMatch(await colleague.locator("#error").innerText(), /filter|vehicleIds|поле:/);
    assert.deepEqual(errors, []);
    await other.close();
    await context.close();
  });

  it("says in Russian what went wrong: a repairer is not let in, a broken token asks to sign in again", async () => {
    await stack.operator("mech_kolya", ["REPAIRER"], "wh-1");
    const context = await browser.newContext({ viewport: { width: 1200, height: 700 }, locale: "ru-RU" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${stack.url}/dashboard#token=${signJwt("mech_kolya")}`);
    await page
      .locator("#signin-error")
      .getByText(/только руководителям и администраторам/)
      .waitFor({ timeout: 10000 });
    assert.equal(await page.isVisible("#app"), false);
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-forbidden.png") });
    const words = await page.locator("#signin").innerText();
    assert.doesNotMatch(words, /JWT|PRO|npm|eyJ/, "a manager's words, not a developer's");
    assert.equal(await page.isVisible("#token-input"), false, "a token by hand is folded away");
    await page.click("#signin-token summary");
    await page.fill("#token-input", "eyJhbGciOiJIUzI1NiJ9.e30.wrong");
    await page.click("#signin-form button");
    await page
      .locator("#signin-error")
      .getByText(/Вход истёк или токен не подошёл\. Возьмите новую ссылку в боте: \/stats/)
      .waitFor({ timeout: 10000 });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
