import type { Role } from "../generated/graphql";
import { menu } from "../keyboards";
import { statsText } from "../messages";
import { button, type FlowRoutes } from "../routes";
import type { Keyboard, Turn } from "../turn";

type Scope = "mine" | "all";

/** "st:mine", "st:all" (anything but "all" is the operator's warehouse). */
export const buttons = {
  stats: button<Scope>("st", { write: (scope) => [scope], read: ([scope]) => (scope === "all" ? "all" : "mine"), press: (turn, scope) => stats(turn, scope) }),
};

export const routes: FlowRoutes = {
  buttons: Object.values(buttons),
  commands: [{ name: "stats", run: (turn) => stats(turn) }],
};

/** Who may ask for statistics (the gateway checks again: MANAGER and ADMIN). */
export function canSeeStats(roles: readonly Role[]): boolean {
  return roles.includes("MANAGER") || roles.includes("ADMIN");
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * /stats: the last seven days' repair numbers for the operator's warehouse (or all, when they have
 * none or ask for all), in a few lines, with buttons on: the dashboard (when DASHBOARD_URL is set),
 * the other scope, and the menu.
 */
async function stats(turn: Turn, scope: Scope = "mine"): Promise<void> {
  const roles = turn.me.operator.roles;
  if (!canSeeStats(roles)) return turn.show(statsText(turn.t).forbidden, menu(turn.t, turn.me));
  const placeId = scope === "mine" ? (turn.me.operator.placeId ?? null) : null;
  const to = new Date();
  const filter = { from: new Date(to.getTime() - WEEK_MS).toISOString(), to: to.toISOString(), ...(placeId ? { placeIds: [placeId] } : {}) };
  const data = await turn.gw.FleetStats({ filter });
  const s = data.fleetSummary;
  const placeTitle = placeId ? (data.places.find((p) => p.key === placeId)?.title ?? null) : null;
  const text = statsText(turn.t).report({
    place: placeId ? { id: placeId, title: placeTitle } : null,
    repairs: s.repairs,
    finished: s.repairsFinished,
    performing: s.performing,
    failed: data.mechanics.reduce((sum, m) => sum + m.failed, 0),
    cancelled: data.mechanics.reduce((sum, m) => sum + m.cancelled, 0),
    medianSeconds: s.medianRepairSeconds ?? null,
    inRepairNow: s.vehiclesInRepairNow,
    frequent: s.mostFrequentJobType?.title ?? null,
    slowest: s.slowestJobType?.title ?? null,
    mechanics: data.mechanics.filter((m) => m.completed > 0).map((m) => ({ login: m.key, completed: m.completed })),
  });
  const rows: Keyboard["inline_keyboard"] = [];
  if (turn.deps.dashboardUrl) rows.push([{ text: statsText(turn.t).dashboardButton, url: turn.deps.dashboardUrl }]);
  if (turn.me.operator.placeId) {
    rows.push([
      scope === "mine"
        ? buttons.stats.button(statsText(turn.t).allPlacesButton, "all")
        : buttons.stats.button(statsText(turn.t).myPlaceButton(turn.me.operator.placeId), "mine"),
    ]);
  }
  rows.push(...menu(turn.t, turn.me).inline_keyboard);
  await turn.show(text, { inline_keyboard: rows });
}
