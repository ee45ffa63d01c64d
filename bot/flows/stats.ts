import { CB, menu } from "../keyboards";
import { statsText } from "../messages";
import type { Keyboard, Turn } from "../turn";

/** Who may ask for statistics (the gateway checks again: MANAGER and ADMIN). */
export function canSeeStats(roles: readonly string[]): boolean {
  return roles.includes("MANAGER") || roles.includes("ADMIN");
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * /stats: the last seven days' repair numbers for the operator's warehouse (or all, when they have
 * none or ask for all), in a few lines, with buttons on: the dashboard (when DASHBOARD_URL is set),
 * the other scope, and the menu.
 */
export async function stats(turn: Turn, scope: "mine" | "all" = "mine"): Promise<void> {
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
        ? { text: statsText(turn.t).allPlacesButton, callback_data: CB.stats("all") }
        : { text: statsText(turn.t).myPlaceButton(turn.me.operator.placeId), callback_data: CB.stats("mine") },
    ]);
  }
  rows.push(...menu(turn.t, turn.me).inline_keyboard);
  await turn.show(text, { inline_keyboard: rows });
}
