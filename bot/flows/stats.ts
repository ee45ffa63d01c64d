import type { Role } from "../generated/graphql";
import { menu } from "../keyboards";
import { statsText } from "../messages";
import { button, type FlowRoutes } from "../routes";
import type { Keyboard, Turn } from "../turn";
import { lastDays, type Days } from "../format";

/** The operator's own warehouse, all of them, or one by its id. */
type Scope = "mine" | "all" | { placeId: string };

/** "st:mine", "st:all", "st:p:<warehouse id>". */
export const buttons = {
  stats: button<Scope>("st", {
    write: (scope) => (typeof scope === "string" ? [scope] : ["p", scope.placeId]),
    read: ([scope, placeId]) => (scope === "all" ? "all" : scope === "p" && placeId ? { placeId } : "mine"),
    press: (turn, scope) => stats(turn, scope),
  }),
};

/** How many warehouses get a button under the report of all of them. */
const PLACE_BUTTONS = 6;

export const routes: FlowRoutes = {
  buttons: Object.values(buttons),
  // /stats, /stats все, /stats wh-2
  commands: [{ name: "stats", run: (turn, args) => stats(turn, scopeOf(args)) }],
};

function scopeOf(args: string[]): Scope {
  const [word] = args;
  if (!word) return "mine";
  return ["все", "всё", "all"].includes(word.toLowerCase()) ? "all" : { placeId: word.toLowerCase() };
}

/** Who may ask for statistics (the gateway checks again: MANAGER and ADMIN). */
export function canSeeStats(roles: readonly Role[]): boolean {
  return roles.includes("MANAGER") || roles.includes("ADMIN");
}

/**
 * /stats: the repair numbers of the last seven days (today and the six before, in the company's
 * time zone, as the dashboard's «7 дней») for the operator's warehouse (or all, when they have
 * none or ask for all), in a few lines, with buttons on: the dashboard (when DASHBOARD_URL is set)
 * on the same days and warehouse, signed in; the other scope; the menu.
 */
async function stats(turn: Turn, scope: Scope = "mine"): Promise<void> {
  const roles = turn.me.operator.roles;
  if (!canSeeStats(roles)) return turn.show(statsText(turn.t).forbidden, menu(turn.t, turn.me));
  const placeId = scope === "mine" ? (turn.me.operator.placeId ?? null) : scope === "all" ? null : scope.placeId;
  const week = lastDays(7, turn.deps.timeZone);
  const filter = { from: week.from, to: week.to, ...(placeId ? { placeIds: [placeId] } : {}) };
  const data = await turn.gw.FleetStats({ filter, withSignIn: turn.deps.dashboardUrl !== undefined });
  const s = data.fleetSummary;
  const placeTitle = placeId ? (data.places.find((p) => p.key === placeId)?.title ?? null) : null;
  const text = statsText(turn.t).report({
    days: { first: week.firstDay, last: week.lastDay },
    place: placeId ? { id: placeId, title: placeTitle } : null,
    repairs: s.repairs,
    finished: s.repairsFinished,
    performing: s.performing,
    completed: data.mechanics.reduce((sum, m) => sum + m.completed, 0),
    failed: data.mechanics.reduce((sum, m) => sum + m.failed, 0),
    cancelled: data.mechanics.reduce((sum, m) => sum + m.cancelled, 0),
    medianSeconds: s.medianRepairSeconds ?? null,
    inRepairNow: s.vehiclesInRepairNow,
    frequent: s.mostFrequentJobType?.title ?? null,
    slowest: s.slowestJobType?.title ?? null,
    // most completed first, as the dashboard's table sorts them
    mechanics: data.mechanics
      .filter((m) => m.completed > 0)
      .map((m) => ({ login: m.key, completed: m.completed }))
      .sort((a, b) => b.completed - a.completed || a.login.localeCompare(b.login)),
  });
  const rows: Keyboard["inline_keyboard"] = [];
  if (turn.deps.dashboardUrl) {
    const url = dashboardLink(turn.deps.dashboardUrl, week, placeId, data.dashboardSignIn?.token ?? null);
    rows.push([{ text: statsText(turn.t).dashboardButton, url }]);
  }
  if (placeId) {
    rows.push([buttons.stats.button(statsText(turn.t).allPlacesButton, "all")]);
  } else {
    // all of them: each warehouse that had repairs in the days, by its name, to look closer
    const places = data.places.slice(0, PLACE_BUTTONS).map((p) => buttons.stats.button(p.title ?? p.key, { placeId: p.key }));
    for (let i = 0; i < places.length; i += 2) rows.push(places.slice(i, i + 2));
  }
  rows.push(...menu(turn.t, turn.me).inline_keyboard);
  await turn.show(text, { inline_keyboard: rows });
}

/**
 * The dashboard on the report's days and warehouse (its address keeps them: ?from=…&to=…&place=…),
 * signed in by the gateway's read-only token in the fragment, which the page takes and drops from
 * the address (a fragment never reaches a server's logs).
 */
export function dashboardLink(base: string, days: Pick<Days, "firstDay" | "lastDay">, placeId: string | null, token: string | null): string {
  const url = new URL(base);
  url.searchParams.set("from", days.firstDay);
  url.searchParams.set("to", days.lastDay);
  if (placeId) url.searchParams.set("place", placeId);
  if (token) url.hash = `token=${encodeURIComponent(token)}`;
  return url.toString();
}
