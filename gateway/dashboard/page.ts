/**
 * The managers' dashboard: one HTML page, its stylesheet and its script, served by the gateway;
 * Chart.js comes from node_modules (see index.ts). Russian first. The script talks to /graphql
 * like any other client, with the JWT the manager signed in with, and downloads the CSV export.
 * (The script is plain ES2017 in a string: no backticks and no "${" inside it.)
 */

export function dashboardHtml(timeZone: string): string {
  const tz = timeZone.replace(/[^A-Za-z0-9_/+-]/g, "");
  return `<!doctype html>
<html lang="ru" data-time-zone="${tz}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>scooter-ops · ремонты: аналитика</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboard/dashboard.css">
<script src="/dashboard/chart.umd.min.js" defer></script>
<script src="/dashboard/dashboard.js" defer></script>
</head>
<body>
<header>
  <h1>Ремонты самокатов</h1>
  <span id="who" aria-live="polite"></span>
  <button type="button" id="signout" hidden>Выйти</button>
</header>

<section id="signin" class="panel" hidden>
  <h2>Вход</h2>
  <p>Дашборд для руководителей и администраторов. Чтобы войти, откройте ссылку из бота: команда
     /stats, кнопка «📈 Открыть дашборд». Ссылка входит сама и действует 12 часов; потом возьмите в боте новую.</p>
  <p id="signin-error" class="error" role="alert" hidden></p>
  <details id="signin-token">
    <summary>Войти по токену доступа</summary>
    <p class="note">Если администратор выдал вам токен доступа, вставьте его сюда.</p>
    <form id="signin-form">
      <label for="token-input">Токен</label>
      <input id="token-input" autocomplete="off" spellcheck="false">
      <button type="submit">Войти</button>
    </form>
  </details>
</section>

<main id="app" hidden>
  <form id="filters" class="panel" aria-label="Период и склад">
    <label>С <input type="date" id="from" required></label>
    <label>по <input type="date" id="to" required></label>
    <span class="presets" role="group" aria-label="Быстрый выбор периода">
      <button type="button" data-days="7">7 дней</button>
      <button type="button" data-days="30">30 дней</button>
      <button type="button" data-days="90">90 дней</button>
      <button type="button" data-days="365">Год</button>
    </span>
    <label>Склад <select id="place"><option value="">Все склады</option></select></label>
    <span class="spacer"></span>
    <button type="button" id="export" title="Все работы ремонтов по выбранным фильтрам, для Excel">Скачать CSV для Excel</button>
  </form>
  <p id="error" class="error" role="alert" hidden></p>
  <p id="tz-note" class="note"></p>

  <section id="cards" aria-label="Главные цифры">
    <div class="card"><span class="label">Закончено ремонтов</span><span class="value" id="c-finished">—</span><span class="sub" id="c-finished-sub"></span></div>
    <div class="card"><span class="label">Медиана ремонта</span><span class="value" id="c-median">—</span></div>
    <div class="card"><span class="label">В ремонте сейчас</span><span class="value" id="c-now">—</span></div>
    <div class="card"><span class="label">Доля неудачных</span><span class="value" id="c-failed">—</span></div>
    <div class="card"><span class="label">Частая работа</span><span class="value small" id="c-frequent">—</span></div>
    <div class="card"><span class="label">Самая долгая работа (медиана)</span><span class="value small" id="c-slowest">—</span></div>
  </section>

  <p id="empty" class="panel empty" hidden>За выбранный период ремонтов нет. Выберите период длиннее («90 дней» или «Год») или другой склад.
    Ремонты появляются здесь, когда механики начинают их в боте (/repair).</p>

  <section id="charts">
    <figure class="panel"><figcaption id="days-caption">Ремонты по дням</figcaption><div class="chart"><canvas id="chart-days" aria-label="Ремонты по дням, по статусам"></canvas></div><p class="chart-empty" hidden></p></figure>
    <figure class="panel"><figcaption>Время работ по типам, минуты (медиана и 90-й процентиль)</figcaption><div class="chart"><canvas id="chart-jobs" aria-label="Медиана и p90 времени по типам работ"></canvas></div><p class="chart-empty" hidden></p></figure>
    <figure class="panel"><figcaption id="vehicles-caption">Самокаты с наибольшим временем в ремонте</figcaption><div class="chart"><canvas id="chart-vehicles" aria-label="Самокаты: дни в ремонте"></canvas></div><p class="chart-empty" hidden></p></figure>
    <figure class="panel"><figcaption>Завершённые ремонты по механикам</figcaption><div class="chart"><canvas id="chart-mechanics" aria-label="Завершённые ремонты по механикам"></canvas></div><p class="chart-empty" hidden></p></figure>
  </section>

  <section id="recent" class="panel">
    <h2>Ремонты <span id="recent-count" class="note"></span></h2>
    <form id="table-filters" aria-label="Фильтр таблицы">
      <label>Статус <select id="t-status">
        <option value="">Все</option><option value="PERFORMING">Идёт</option><option value="COMPLETED">Выполнено</option>
        <option value="FAILED">Не получилось</option><option value="CANCELLED">Отменено</option></select></label>
      <label>Механик <select id="t-performer"><option value="">Все</option></select></label>
      <label>Самокат <input id="t-vehicle" placeholder="например, sc-1001" size="14"></label>
      <button type="button" id="t-reset" hidden>Сбросить фильтр таблицы</button>
    </form>
    <div class="table-wrap"><table>
      <thead><tr><th>Начало</th><th>Самокат</th><th class="wide">Склад</th><th>Механик</th><th>Статус</th><th class="wide">Длительность</th><th>Работы</th></tr></thead>
      <tbody id="rows"></tbody>
    </table></div>
    <p id="rows-empty" class="empty" hidden></p>
    <button type="button" id="more" hidden>Показать ещё</button>
  </section>
</main>

<dialog id="vehicle-card" aria-labelledby="card-title">
  <h2 id="card-title">Самокат</h2>
  <div id="card-body">Загружаю…</div>
  <form method="dialog"><button>Закрыть</button></form>
</dialog>
</body>
</html>
`;
}

export const DASHBOARD_CSS = `
[hidden] { display: none !important; }
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2733; background: #eef2f6; }
body { margin: 0; }
header { display: flex; align-items: center; gap: 16px; padding: 10px 20px; background: #2b5278; color: #fff; }
header h1 { font-size: 18px; margin: 0; flex: 1; }
header button { background: transparent; color: #fff; border: 1px solid #fff8; border-radius: 6px; padding: 6px 12px; cursor: pointer; }
main { padding: 16px 20px 40px; display: grid; grid-template-columns: minmax(0, 1fr); gap: 16px; max-width: 1400px; margin: 0 auto; }
main > * { min-width: 0; }
.panel { background: #fff; border-radius: 10px; padding: 14px 16px; box-shadow: 0 1px 2px #0001; margin: 0; }
#signin { max-width: 640px; margin: 40px auto; }
#signin-form { display: flex; gap: 8px; align-items: center; }
#signin-form input { flex: 1; padding: 8px; font-family: monospace; }
#filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
#filters label, #table-filters label { display: inline-flex; gap: 6px; align-items: center; font-size: 14px; }
input, select, button { font: inherit; font-size: 14px; }
input, select { padding: 5px 6px; border: 1px solid #b9c7d5; border-radius: 6px; background: #fff; }
button { padding: 6px 12px; border: 1px solid #2b5278; border-radius: 6px; background: #f4f8fb; color: #2b5278; cursor: pointer; }
button:hover, button:focus-visible { background: #dde9f4; }
#export { background: #2b5278; color: #fff; }
.presets button.active { background: #2b5278; color: #fff; }
.spacer { flex: 1; }
.error { background: #fdecec; color: #8a1c1c; border: 1px solid #f3b6b6; border-radius: 8px; padding: 10px 14px; margin: 0; }
.note { color: #5b6b7b; font-size: 13px; margin: 0; }
.empty { color: #46566a; }
#cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; }
.card { background: #fff; border-radius: 10px; padding: 12px 14px; box-shadow: 0 1px 2px #0001; display: flex; flex-direction: column; gap: 6px; }
.card .label { font-size: 13px; color: #5b6b7b; }
.card .value { font-size: 26px; font-weight: 600; }
.card .value.small { font-size: 17px; }
#charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(520px, 100%), 1fr)); gap: 16px; }
#charts > figure { min-width: 0; }
.table-wrap { overflow-x: auto; }
figcaption { font-weight: 600; margin-bottom: 8px; }
.chart { position: relative; height: 300px; }
.chart-empty { color: #5b6b7b; margin: 8px 0 0; }
#recent h2 { font-size: 16px; margin: 0 0 10px; }
#table-filters { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 10px; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e3e8ee; vertical-align: top; }
th { color: #5b6b7b; font-weight: 600; }
td.jobs { color: #33414f; }
.status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; }
.s-COMPLETED { background: #e3f4e6; color: #1d6b2c; }
.s-FAILED { background: #fdecec; color: #8a1c1c; }
.s-CANCELLED { background: #eceff2; color: #46566a; }
.s-PERFORMING { background: #e2eefb; color: #1f4f85; }
#more { margin-top: 10px; }
dialog { border: none; border-radius: 10px; padding: 18px 22px; max-width: min(560px, calc(100vw - 40px)); box-sizing: border-box; box-shadow: 0 10px 40px #0004; }
.card .sub { font-size: 12px; color: #5b6b7b; }
@media (max-width: 640px) {
  header { padding: 8px 12px; gap: 8px; }
  header h1 { font-size: 16px; }
  main { padding: 10px 8px 30px; gap: 10px; }
  .panel { padding: 10px; }
  #cards { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
  .card .value { font-size: 21px; }
  .chart { height: 260px; }
  #filters { gap: 8px; }
  #filters .spacer { display: none; }
  #export { width: 100%; }
  /* the table becomes one card per repair: start and vehicle, mechanic and status, then its jobs */
  table, tbody { display: block; font-size: 13px; }
  thead, th.wide, td.wide { display: none; }
  tr { display: grid; grid-template-columns: 1fr auto; gap: 2px 8px; padding: 8px 2px; border-bottom: 1px solid #e3e8ee; }
  td { border: none; padding: 0; }
  td.jobs { grid-column: 1 / -1; }
  dialog { padding: 14px; }
}
dialog h2 { margin-top: 0; }
dialog ul { padding-left: 18px; }
`;

export const DASHBOARD_JS = String.raw`(function () {
  "use strict";
  var TZ = document.documentElement.getAttribute("data-time-zone") || "Europe/Moscow";
  var TOKEN_KEY = "scooter-ops-dashboard-token";
  var STATUS = { PERFORMING: "идёт", COMPLETED: "выполнено", FAILED: "не получилось", CANCELLED: "отменено" };
  var COLORS = { COMPLETED: "#3a9d4f", FAILED: "#d64545", CANCELLED: "#9aa5b1", PERFORMING: "#3b7dd8" };
  var ERRORS = {
    UNAUTHENTICATED: "Вход истёк или токен не подошёл. Возьмите новую ссылку в боте: /stats, кнопка «📈 Открыть дашборд».",
    FORBIDDEN: "Дашборд доступен только руководителям и администраторам. Попросите администратора выдать вам роль «руководитель».",
    BAD_USER_INPUT: "Проверьте фильтры: период или значение не подходят.",
    NOT_FOUND: "Не нашёл такого.",
    UPSTREAM_REJECTED: "Внешний сервис отказал в запросе.",
    UPSTREAM_UNAVAILABLE: "Внешний сервис сейчас не отвечает. Попробуйте через минуту.",
    UNAVAILABLE: "База данных сервиса сейчас недоступна. Попробуйте через минуту.",
    RATE_LIMITED: "Слишком много запросов подряд. Подождите немного и обновите страницу.",
    INTERNAL_SERVER_ERROR: "Что-то пошло не так на стороне сервиса. Попробуйте через минуту; если повторится — сообщите администратору.",
    NETWORK: "Нет связи с сервисом. Проверьте сеть и обновите страницу."
  };
  // the filter fields a refusal can name, in the page's words
  var FIELDS = { "filter.vehicleIds": "самокат", "filter.from": "начало периода", "filter.to": "конец периода", "filter.placeIds": "склад", "filter.performers": "механик", "filter.statuses": "статус", "filter.jobTypes": "тип работы" };

  function $(id) { return document.getElementById(id); }
  function esc(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function explain(error) {
    var code = (error && error.code) || "INTERNAL_SERVER_ERROR";
    var text = ERRORS[code] || ERRORS.INTERNAL_SERVER_ERROR;
    if (code === "RATE_LIMITED" && error.retryAfterSeconds) text += " Повторить можно через " + error.retryAfterSeconds + " с.";
    // the field in the page's words (the gateway names it in its own: filter.vehicleIds); one it does not know is left out
    var field = error && error.field ? String(error.field).replace(/\[\d+\]$/, "") : "";
    if (code === "BAD_USER_INPUT" && Object.prototype.hasOwnProperty.call(FIELDS, field)) text += " Проверьте поле «" + FIELDS[field] + "».";
    return text;
  }

  // ---- time in the company's time zone --------------------------------------------------
  var partsFormat = new Intl.DateTimeFormat("en-US", { timeZone: TZ, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  function offsetAt(t) {
    var v = {};
    partsFormat.formatToParts(new Date(t)).forEach(function (p) { v[p.type] = p.value; });
    return Date.UTC(+v.year, +v.month - 1, +v.day, +v.hour % 24, +v.minute, +v.second) - Math.floor(t / 1000) * 1000;
  }
  /** "2026-03-01" → the instant of 00:00 that day in TZ, as ISO 8601 */
  function midnight(day) {
    var p = day.split("-").map(Number);
    var guess = Date.UTC(p[0], p[1] - 1, p[2]);
    var t = guess - offsetAt(guess);
    t = guess - offsetAt(t);
    return new Date(t).toISOString();
  }
  function addDays(day, n) {
    var p = day.split("-").map(Number);
    return new Date(Date.UTC(p[0], p[1] - 1, p[2] + n)).toISOString().slice(0, 10);
  }
  function today() { return new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date()); }
  var dateTime = new Intl.DateTimeFormat("ru-RU", { timeZone: TZ, day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" });
  function shortDay(key) { var p = key.split("-"); return p[2] + "." + p[1]; }
  function duration(seconds) {
    if (seconds == null) return "—";
    var s = Math.round(seconds);
    if (s < 60) return s + " с";
    var m = Math.round(s / 60);
    if (m < 60) return m + " мин";
    var h = Math.floor(m / 60), rest = m % 60;
    if (h < 48) return h + " ч" + (rest ? " " + rest + " мин" : "");
    return (Math.round(h / 2.4) / 10).toString().replace(".", ",") + " дн";
  }
  /** an operator as people know them: the Telegram username */
  function person(login) { return login ? "@" + login : "—"; }
  var BLOCKS = { dashboard: "приборная панель", controller: "контроллер", iot: "модуль связи", battery: "батарея", motor: "мотор", bms: "контроллер батареи" };
  function block(name) { return BLOCKS[String(name).toLowerCase()] || name; }
  /** "2026-03-01": a real date of this era (a date input yields "0002-…" while a year is typed; a link may say 2026-02-31) */
  function validDay(value) { return /^(19|20)\d\d-\d\d-\d\d$/.test(value) && !isNaN(Date.parse(value)) && addDays(value, 0) === value; }
  function number(value, digits) { return value == null ? "—" : (Math.round(value * Math.pow(10, digits)) / Math.pow(10, digits)).toString().replace(".", ","); }
  function percent(share) { return share == null ? "—" : Math.round(share * 100) + " %"; }

  // ---- the gateway ------------------------------------------------------------------------
  var token = null;
  function gql(query, variables) {
    return fetch("/graphql", {
      method: "POST",
      // the page is Russian: job titles and names come in Russian whatever the browser's language
      headers: { "content-type": "application/json", "accept-language": "ru", authorization: "Bearer " + token },
      body: JSON.stringify({ query: query, variables: variables || {} })
    }).then(function (response) {
      return response.json().catch(function () { return { errors: [{ extensions: { code: response.status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_USER_INPUT" } }] }; });
    }, function () {
      throw { code: "NETWORK" };
    }).then(function (body) {
      if (body.errors && body.errors.length) {
        var ext = body.errors[0].extensions || {};
        throw { code: ext.code, field: ext.field, retryAfterSeconds: ext.retryAfterSeconds };
      }
      return body.data;
    });
  }

  var ME = "query DashboardMe { me { operator { login roles } } places: repairStats(groupBy: PLACE) { key title } mechanics: repairStats(groupBy: PERFORMER) { key } }";
  var STATS = "query DashboardStats($filter: RepairFilter, $trend: RepairGrouping!) {" +
    " fleetSummary(filter: $filter) { repairs repairsFinished medianRepairSeconds vehiclesInRepairNow failureShare mostFrequentJobType { code title } slowestJobType { code title } }" +
    " trend: repairStats(filter: $filter, groupBy: $trend) { key performing completed failed cancelled }" +
    " jobTypes: repairStats(filter: $filter, groupBy: JOB_TYPE) { key title jobs jobTime { count medianSeconds p90Seconds } }" +
    " vehicles: repairStats(filter: $filter, groupBy: VEHICLE, first: 10) { key repairs daysInRepair }" +
    " mechanics: repairStats(filter: $filter, groupBy: PERFORMER) { key completed failed cancelled performing } }";
  var REPAIRS = "query DashboardRepairs($filter: RepairFilter, $after: String) { repairs(filter: $filter, first: 25, after: $after) {" +
    " totalCount pageInfo { hasNextPage endCursor } edges { node { id vehicleId placeId status startedAt durationSeconds performer { login }" +
    " jobs { type { title } variantTitle status durationSeconds } } } } }";
  var CARD = "query DashboardCard($v: ID!) { scooter(vehicleId: $v) { vehicleId mileageKm brokenComment firmware { block version }" +
    " activeRepair { startedAt performer { login } } lastRepair { finishedAt } mileageSinceLastRepairKm" +
    " repairs(first: 5) { startedAt status durationSeconds performer { login } jobs { type { title } variantTitle status } } } }";

  // ---- state ------------------------------------------------------------------------------
  var placeNames = {};
  var charts = {};
  var cursor = null;
  var loadSeq = 0;
  var tableSeq = 0;
  var tableTotal = null;
  var settling = null;

  function mainFilter() {
    var filter = { from: midnight($("from").value), to: midnight(addDays($("to").value, 1)) };
    if ($("place").value) filter.placeIds = [$("place").value];
    return filter;
  }
  /** is anything chosen in the table's own filter (status, mechanic, vehicle)? */
  function tableFiltered() {
    return Boolean($("t-status").value || $("t-performer").value || $("t-vehicle").value.trim());
  }
  function tableFilter() {
    var filter = mainFilter();
    if ($("t-status").value) filter.statuses = [$("t-status").value];
    if ($("t-performer").value) filter.performers = [$("t-performer").value];
    var vehicle = $("t-vehicle").value.trim();
    if (vehicle) filter.vehicleIds = [vehicle];
    return filter;
  }
  function showError(error) {
    var box = $("error");
    if (!error) { box.hidden = true; box.textContent = ""; return; }
    box.textContent = explain(error);
    box.hidden = false;
    if (error.code === "UNAUTHENTICATED") signOut(explain(error));
  }
  /** a word of the page's own in the error box (a check before anything is asked) */
  function notice(text) {
    showError(null);
    $("error").textContent = text;
    $("error").hidden = false;
  }

  // ---- charts -----------------------------------------------------------------------------
  function chart(id, config, hasData, emptyText) {
    var canvas = $(id);
    var figure = canvas.closest("figure");
    var empty = figure.querySelector(".chart-empty");
    if (charts[id]) { charts[id].destroy(); delete charts[id]; }
    figure.querySelector(".chart").hidden = !hasData;
    empty.hidden = hasData;
    empty.textContent = hasData ? "" : emptyText;
    if (!hasData) return;
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    // a bar of one mechanic or one day is not a wall across the chart
    config.data.datasets.forEach(function (d) { d.maxBarThickness = 56; });
    charts[id] = new Chart(canvas, config);
  }
  function periodKeys(trend) {
    var keys = [];
    var from = $("from").value, to = $("to").value;
    if (trend === "DAY") {
      for (var d = from; d <= to && keys.length < 400; d = addDays(d, 1)) keys.push(d);
    } else {
      var p = from.split("-").map(Number);
      var weekday = (new Date(Date.UTC(p[0], p[1] - 1, p[2])).getUTCDay() + 6) % 7;
      for (var w = addDays(from, -weekday); w <= to && keys.length < 1100; w = addDays(w, 7)) keys.push(w);
    }
    return keys;
  }
  function drawTrend(trend, rows) {
    var byKey = {};
    rows.forEach(function (r) { byKey[r.key] = r; });
    var keys = periodKeys(trend);
    var years = keys.length && keys[0].slice(0, 4) !== keys[keys.length - 1].slice(0, 4);
    $("days-caption").textContent = trend === "DAY" ? "Ремонты по дням (по дню начала), по статусам" : "Ремонты по неделям (по понедельникам), по статусам";
    var datasets = ["COMPLETED", "FAILED", "CANCELLED", "PERFORMING"].map(function (status) {
      var field = status.toLowerCase();
      return { label: STATUS[status], backgroundColor: COLORS[status], stack: "s", data: keys.map(function (k) { return byKey[k] ? byKey[k][field] : 0; }) };
    });
    chart("chart-days", {
      type: "bar",
      data: { labels: keys.map(function (k) { return years ? shortDay(k) + "." + k.slice(2, 4) : shortDay(k); }), datasets: datasets },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { position: "bottom" } } }
    }, rows.length > 0, "За период нет ремонтов.");
  }
  function drawJobTypes(rows) {
    var ended = rows.filter(function (r) { return r.jobTime.count > 0; });
    ended.sort(function (a, b) { return b.jobTime.medianSeconds - a.jobTime.medianSeconds; });
    chart("chart-jobs", {
      type: "bar",
      data: {
        labels: ended.map(function (r) { return r.title || r.key; }),
        datasets: [
          { label: "медиана", backgroundColor: "#3b7dd8", data: ended.map(function (r) { return Math.round(r.jobTime.medianSeconds / 6) / 10; }) },
          { label: "90-й процентиль", backgroundColor: "#f0a23b", data: ended.map(function (r) { return Math.round(r.jobTime.p90Seconds / 6) / 10; }) }
        ]
      },
      options: { indexAxis: "y", scales: { x: { beginAtZero: true, title: { display: true, text: "минуты" } }, y: { ticks: { autoSkip: false } } }, plugins: { legend: { position: "bottom" } } }
    }, ended.length > 0, "За период нет завершённых работ: время появится, когда механики закончат работы.");
  }
  function drawVehicles(rows) {
    var top = rows.filter(function (r) { return r.daysInRepair > 0; }).slice(0, 10);
    // under two days at most, hours read better than fractions of a day
    var hours = top.length > 0 && top[0].daysInRepair < 2;
    var unit = hours ? "часы" : "дни";
    $("vehicles-caption").textContent = "Самокаты с наибольшим временем в ремонте, " + unit;
    chart("chart-vehicles", {
      type: "bar",
      data: { labels: top.map(function (r) { return r.key; }), datasets: [{ label: hours ? "часов в ремонте" : "дней в ремонте", backgroundColor: "#7a5cc8",
        data: top.map(function (r) { return hours ? Math.round(r.daysInRepair * 240) / 10 : Math.round(r.daysInRepair * 100) / 100; }) }] },
      options: { indexAxis: "y", scales: { x: { beginAtZero: true, title: { display: true, text: unit } }, y: { ticks: { autoSkip: false } } }, plugins: { legend: { display: false } } }
    }, top.length > 0, "За период ни один самокат не был в ремонте.");
  }
  function drawMechanics(all) {
    // repairs finished (completed, failed or cancelled) per mechanic, most first; running ones are not finished
    var finished = function (r) { return r.completed + r.failed + r.cancelled; };
    var rows = all.filter(function (r) { return finished(r) > 0; }).sort(function (a, b) { return finished(b) - finished(a); });
    var datasets = ["COMPLETED", "FAILED", "CANCELLED"].map(function (status) {
      var field = status.toLowerCase();
      return { label: STATUS[status], backgroundColor: COLORS[status], stack: "s", data: rows.map(function (r) { return r[field]; }) };
    });
    chart("chart-mechanics", {
      type: "bar",
      data: { labels: rows.map(function (r) { return person(r.key); }), datasets: datasets },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { position: "bottom" } } }
    }, rows.length > 0, "За период механики не завершили ни одного ремонта: здесь появятся завершённые.");
  }

  // ---- loading ----------------------------------------------------------------------------
  function setBusy(busy) { document.body.setAttribute("aria-busy", busy ? "true" : "false"); }

  // The period, the warehouse and the table's filter shown are in the address
  // (?from=…&to=…&place=…&status=…&mechanic=…&vehicle=…): a reload or a link sent to a colleague
  // opens the same view.
  function viewAsked() {
    var q = new URLSearchParams(location.search);
    var from = q.get("from") || "", to = q.get("to") || "";
    return {
      from: from, to: to, place: q.get("place") || "", period: validDay(from) && validDay(to) && from <= to,
      status: q.get("status") || "", mechanic: q.get("mechanic") || "", vehicle: q.get("vehicle") || ""
    };
  }
  function rememberView() {
    var q = new URLSearchParams();
    q.set("from", $("from").value);
    q.set("to", $("to").value);
    if ($("place").value) q.set("place", $("place").value);
    if ($("t-status").value) q.set("status", $("t-status").value);
    if ($("t-performer").value) q.set("mechanic", $("t-performer").value);
    if ($("t-vehicle").value.trim()) q.set("vehicle", $("t-vehicle").value.trim());
    history.replaceState(null, "", location.pathname + "?" + q.toString() + location.hash);
  }

  function loadStats() {
    var seq = ++loadSeq;
    rememberView();
    var days = (Date.parse($("to").value) - Date.parse($("from").value)) / 86400000 + 1;
    var trend = days > 120 ? "WEEK" : "DAY";
    setBusy(true);
    showError(null);
    return Promise.all([gql(STATS, { filter: mainFilter(), trend: trend }), loadRepairs(false)]).then(function (results) {
      if (seq !== loadSeq) return;
      var data = results[0];
      var s = data.fleetSummary;
      $("c-finished").textContent = s.repairsFinished;
      var ended = { completed: 0, failed: 0, cancelled: 0 };
      data.trend.forEach(function (r) { ended.completed += r.completed; ended.failed += r.failed; ended.cancelled += r.cancelled; });
      $("c-finished-sub").textContent = s.repairsFinished ? "выполнено " + ended.completed + " · не получилось " + ended.failed + " · отменено " + ended.cancelled : "";
      $("c-median").textContent = duration(s.medianRepairSeconds);
      $("c-now").textContent = s.vehiclesInRepairNow;
      $("c-failed").textContent = percent(s.failureShare);
      $("c-frequent").textContent = s.mostFrequentJobType ? s.mostFrequentJobType.title : "—";
      $("c-slowest").textContent = s.slowestJobType ? s.slowestJobType.title : "—";
      $("empty").hidden = s.repairs > 0;
      $("charts").hidden = s.repairs === 0;
      if (s.repairs > 0) {
        drawTrend(trend, data.trend);
        drawJobTypes(data.jobTypes);
        drawVehicles(data.vehicles);
        drawMechanics(data.mechanics);
      }
      document.body.setAttribute("data-loaded", String(seq));
    }).catch(showError).then(function () { if (seq === loadSeq) setBusy(false); });
  }

  function jobLine(job) {
    return esc(job.type.title) + (job.variantTitle ? " (" + esc(job.variantTitle) + ")" : "") + " — " + esc(STATUS[job.status] || job.status) +
      (job.durationSeconds != null ? ", " + duration(job.durationSeconds) : "");
  }

  function loadRepairs(more) {
    // only the newest request fills the table: an answer to an older filter is dropped
    var seq = more ? tableSeq : ++tableSeq;
    if (!more) { cursor = null; rememberView(); }
    var filtered = tableFiltered();
    $("t-reset").hidden = !filtered;
    return gql(REPAIRS, { filter: tableFilter(), after: cursor }).then(function (data) {
      if (seq !== tableSeq) return;
      var page = data.repairs;
      var body = $("rows");
      if (!more) body.innerHTML = "";
      page.edges.forEach(function (edge) {
        var r = edge.node;
        var tr = document.createElement("tr");
        tr.innerHTML = "<td>" + esc(dateTime.format(new Date(r.startedAt))) + "</td>" +
          "<td><a href=\"#vehicle=" + encodeURIComponent(r.vehicleId) + "\" class=\"vehicle\">" + esc(r.vehicleId) + "</a></td>" +
          "<td class=\"wide\">" + esc(placeNames[r.placeId] || r.placeId) + "</td>" +
          "<td>" + esc(person(r.performer.login)) + "</td>" +
          "<td><span class=\"status s-" + esc(r.status) + "\">" + esc(STATUS[r.status] || r.status) + "</span></td>" +
          "<td class=\"wide\">" + duration(r.durationSeconds) + "</td>" +
          "<td class=\"jobs\">" + (r.jobs.length ? r.jobs.map(jobLine).join("<br>") : "без работ") + "</td>";
        body.appendChild(tr);
      });
      cursor = page.pageInfo.endCursor;
      $("more").hidden = !page.pageInfo.hasNextPage;
      $("rows-empty").hidden = page.totalCount > 0;
      $("rows-empty").textContent = filtered
        ? "Под фильтр таблицы ремонтов нет. Сбросьте фильтр таблицы или выберите период длиннее."
        : "За выбранный период ремонтов нет. Выберите период длиннее или другой склад.";
      $("recent-count").textContent = page.totalCount ? "(" + page.totalCount + ", новые сверху)" : "";
      tableTotal = page.totalCount;
    });
  }

  function openCard(vehicleId) {
    var dialog = $("vehicle-card");
    $("card-title").textContent = "Самокат " + vehicleId;
    $("card-body").textContent = "Загружаю…";
    if (!dialog.open) dialog.showModal();
    gql(CARD, { v: vehicleId }).then(function (data) {
      var s = data.scooter;
      var lines = [
        "<p>Пробег: " + (s.mileageKm == null ? "неизвестен" : esc(number(s.mileageKm, 1)) + " км") +
          (s.mileageSinceLastRepairKm != null ? ", с последнего ремонта " + esc(number(s.mileageSinceLastRepairKm, 1)) + " км" : "") + "</p>",
        "<p>" + (s.brokenComment ? "Поломка: " + esc(s.brokenComment) : "Поломок не отмечено") + "</p>",
        "<p>Прошивки: " + (s.firmware.map(function (f) { return esc(block(f.block) + " " + f.version); }).join(", ") || "—") + "</p>",
        s.activeRepair ? "<p>Сейчас в ремонте у " + esc(person(s.activeRepair.performer.login)) + " с " + esc(dateTime.format(new Date(s.activeRepair.startedAt))) + "</p>" : "",
        s.repairs.length ? "<h3>Последние ремонты</h3><ul>" + s.repairs.map(function (r) {
          return "<li>" + esc(dateTime.format(new Date(r.startedAt))) + ", " + esc(person(r.performer.login)) + ", " + esc(STATUS[r.status] || r.status) +
            (r.durationSeconds != null ? ", " + duration(r.durationSeconds) : "") + ": " + (r.jobs.length ? r.jobs.map(jobLine).join("; ") : "без работ") + "</li>";
        }).join("") + "</ul>" : "<p>Ремонтов ещё не было.</p>"
      ];
      $("card-body").innerHTML = lines.join("");
    }).catch(function (error) {
      $("card-body").textContent = explain(error);
    });
  }

  function exportCsv() {
    if (tableTotal === 0) {
      notice(tableFiltered()
        ? "Выгружать нечего: под фильтр таблицы ремонтов нет. Сбросьте фильтр таблицы или выберите период длиннее."
        : "Выгружать нечего: за выбранный период ремонтов нет. Выберите период длиннее или другой склад.");
      return;
    }
    var f = tableFilter();
    var params = new URLSearchParams();
    params.append("from", f.from);
    params.append("to", f.to);
    (f.placeIds || []).forEach(function (v) { params.append("placeId", v); });
    (f.statuses || []).forEach(function (v) { params.append("status", v); });
    (f.performers || []).forEach(function (v) { params.append("performer", v); });
    (f.vehicleIds || []).forEach(function (v) { params.append("vehicleId", v); });
    var button = $("export");
    button.disabled = true;
    button.textContent = "Готовлю файл…";
    showError(null);
    fetch("/export/repairs.csv?" + params.toString(), { headers: { authorization: "Bearer " + token } }).then(function (response) {
      if (!response.ok) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          var ext = (body.errors && body.errors[0] && body.errors[0].extensions) || {};
          throw { code: ext.code || (response.status === 401 ? "UNAUTHENTICATED" : response.status === 403 ? "FORBIDDEN" : "INTERNAL_SERVER_ERROR") };
        });
      }
      var name = "repairs-" + $("from").value + "--" + $("to").value + ($("place").value ? "-" + $("place").value.replace(/[^A-Za-z0-9_-]/g, "") : "") + ".csv";
      return response.blob().then(function (blob) {
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = name;
        document.body.appendChild(link);
        link.click();
        setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
      });
    }, function () { throw { code: "NETWORK" }; }).catch(showError).then(function () {
      button.disabled = false;
      button.textContent = "Скачать CSV для Excel";
    });
  }

  // ---- sign in ----------------------------------------------------------------------------
  function signOut(message) {
    localStorage.removeItem(TOKEN_KEY);
    token = null;
    $("app").hidden = true;
    $("signout").hidden = true;
    $("who").textContent = "";
    $("signin").hidden = false;
    var box = $("signin-error");
    box.hidden = !message;
    box.textContent = message || "";
  }

  function start() {
    gql(ME).then(function (data) {
      var op = data.me.operator;
      $("who").textContent = person(op.login);
      $("signout").hidden = false;
      $("signin").hidden = true;
      $("app").hidden = false;
      var select = $("place");
      data.places.forEach(function (p) {
        placeNames[p.key] = p.title || p.key;
        var option = document.createElement("option");
        option.value = p.key;
        option.textContent = p.title ? p.title + " (" + p.key + ")" : p.key;
        select.appendChild(option);
      });
      data.mechanics.map(function (m) { return m.key; }).sort().forEach(function (login) {
        var option = document.createElement("option");
        option.value = login;
        option.textContent = person(login);
        $("t-performer").appendChild(option);
      });
      var asked = viewAsked();
      var wrong = [];
      if (asked.place && own(placeNames, asked.place)) select.value = asked.place;
      else if (asked.place) wrong.push("склада «" + asked.place + "» нет в списке — показаны все склады");
      if (asked.status && own(STATUS, asked.status)) $("t-status").value = asked.status;
      else if (asked.status) wrong.push("неизвестный статус — показаны все");
      if (asked.mechanic && optionOf($("t-performer"), asked.mechanic)) $("t-performer").value = asked.mechanic;
      else if (asked.mechanic) wrong.push("у механика «" + asked.mechanic + "» нет ремонтов — показаны все механики");
      $("t-vehicle").value = asked.vehicle;
      if (asked.period) {
        $("from").value = asked.from;
        $("to").value = asked.to;
        markPreset();
        loadStats();
      } else {
        preset(30);
        if (asked.from || asked.to) wrong.unshift("неверный период — показаны последние 30 дней");
      }
      if (wrong.length) notice("В ссылке " + wrong.join("; ") + ".");
      if (hashVehicle()) openCard(hashVehicle());
    }, function (error) {
      // only the sign-in's own answer signs out: a fault in showing the page is not the manager's sign-in
      signOut(explain(error));
    });
  }

  /** a key of the object itself, not of its prototype (a link may say ?place=__proto__) */
  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  /** the vehicle of the address's #vehicle=…, or "" (a link broken mid-escape opens no card) */
  function hashVehicle() {
    if (location.hash.indexOf("#vehicle=") !== 0) return "";
    try { return decodeURIComponent(location.hash.slice(9)); } catch (error) { return ""; }
  }
  function optionOf(select, value) {
    return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
  }

  function preset(days) {
    clearTimeout(settling);
    $("to").value = today();
    $("from").value = addDays(today(), -(days - 1));
    markPreset();
    loadStats();
  }
  function markPreset() {
    var span = (Date.parse($("to").value) - Date.parse($("from").value)) / 86400000 + 1;
    Array.prototype.forEach.call(document.querySelectorAll(".presets button"), function (b) {
      b.classList.toggle("active", Number(b.getAttribute("data-days")) === span && $("to").value === today());
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var zoneName = (new Intl.DateTimeFormat("ru-RU", { timeZone: TZ, timeZoneName: "long" }).formatToParts(new Date()).filter(function (p) { return p.type === "timeZoneName"; })[0] || {}).value;
    $("tz-note").textContent = "Дни и недели считаются по времени компании" + (zoneName ? " (" + zoneName + ")" : "") + ".";
    var match = /[#&]token=([^&]+)/.exec(location.hash);
    if (match) {
      try { localStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1])); } catch (error) { /* a link broken mid-escape: no sign-in from it */ }
      history.replaceState(null, "", location.pathname + location.search);
    }
    token = localStorage.getItem(TOKEN_KEY);
    $("signin-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var value = $("token-input").value.trim();
      if (!value) { $("signin-error").hidden = false; $("signin-error").textContent = "Вставьте токен."; return; }
      localStorage.setItem(TOKEN_KEY, value);
      token = value;
      start();
    });
    $("signout").addEventListener("click", function () { signOut(null); });
    Array.prototype.forEach.call(document.querySelectorAll(".presets button"), function (b) {
      b.addEventListener("click", function () { preset(Number(b.getAttribute("data-days"))); });
    });
    // a date typed by hand changes with every key: load once it has rested and is a real date
    function periodChanged(wait) {
      clearTimeout(settling);
      settling = setTimeout(function () {
        if (!validDay($("from").value) || !validDay($("to").value)) {
          notice("Проверьте даты: нужен день, месяц и год (например, 01.03.2026).");
          return;
        }
        if ($("from").value > $("to").value) { notice("Начало периода позже конца: поправьте даты."); return; }
        markPreset();
        loadStats();
      }, wait);
    }
    ["from", "to"].forEach(function (id) { $(id).addEventListener("change", function () { periodChanged(700); }); });
    $("place").addEventListener("change", function () { periodChanged(0); });
    ["t-status", "t-performer"].forEach(function (id) { $(id).addEventListener("change", function () { loadRepairs(false).catch(showError); }); });
    var typing = null;
    $("t-vehicle").addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(function () { loadRepairs(false).catch(showError); }, 300);
    });
    // Enter in a field submits its form: that is "apply", never a reload of the page
    $("filters").addEventListener("submit", function (event) { event.preventDefault(); periodChanged(0); });
    $("table-filters").addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(typing);
      loadRepairs(false).catch(showError);
    });
    $("more").addEventListener("click", function () { loadRepairs(true).catch(showError); });
    $("t-reset").addEventListener("click", function () {
      clearTimeout(typing);
      $("t-status").value = "";
      $("t-performer").value = "";
      $("t-vehicle").value = "";
      loadRepairs(false).catch(showError);
    });
    $("export").addEventListener("click", exportCsv);
    window.addEventListener("hashchange", function () {
      if (hashVehicle()) openCard(hashVehicle());
      else if ($("vehicle-card").open) $("vehicle-card").close(); // the browser's Back closes the card
    });
    $("vehicle-card").addEventListener("close", function () {
      if (location.hash.indexOf("#vehicle=") === 0) history.replaceState(null, "", location.pathname + location.search);
    });
    if (token) start(); else signOut(null);
  });
})();
`;
