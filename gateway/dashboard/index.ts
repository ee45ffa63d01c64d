import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import express from "express";
import { DASHBOARD_CSS, DASHBOARD_JS, dashboardHtml } from "./page";

/**
 * GET /dashboard: the managers' page (page.ts) with its stylesheet and script, and Chart.js from
 * node_modules. Chart.js because it draws every chart here (stacked bars, horizontal bars) on a
 * canvas from one 200 KB UMD file with no dependencies, is MIT and widely kept; ECharts would be
 * 1.1 MB for the same charts, and uPlot draws time series only. Nothing is loaded from the
 * internet. The page is public; its data is not: it signs in with a JWT and calls /graphql.
 */
export function dashboard(timeZone: string): express.Router {
  const router = express.Router();
  const chartJs = readFileSync(join(dirname(require.resolve("chart.js")), "chart.umd.min.js")); // the package exports no subpath; its main sits in dist/;
  const html = dashboardHtml(timeZone);
  const security = (res: express.Response) => {
    res.setHeader(
      "content-security-policy",
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    res.setHeader("x-content-type-options", "nosniff");
    res.setHeader("referrer-policy", "no-referrer");
  };
  router.get(["/dashboard", "/dashboard/"], (_req, res) => {
    security(res);
    res.setHeader("cache-control", "no-store");
    res.type("html").send(html);
  });
  router.get("/dashboard/dashboard.js", (_req, res) => {
    security(res);
    res.type("application/javascript").send(DASHBOARD_JS);
  });
  router.get("/dashboard/dashboard.css", (_req, res) => {
    security(res);
    res.type("text/css").send(DASHBOARD_CSS);
  });
  router.get("/dashboard/chart.umd.min.js", (_req, res) => {
    res.setHeader("cache-control", "public, max-age=86400");
    res.type("application/javascript").send(chartJs);
  });
  return router;
}
