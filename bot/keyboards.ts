import type { MeQuery } from "./generated/graphql";
import { statsText, type Messages } from "./messages";
import type { Keyboard } from "./turn";
import { buttons as admin } from "./flows/admin";
import { buttons as handover } from "./flows/handover";
import { buttons as repair } from "./flows/repair";
import { buttons as scooter } from "./flows/scooter";
import { buttons as start } from "./flows/start";
import { buttons as stats } from "./flows/stats";

/**
 * The keyboards more than one flow shows. Each button's callback_data is made by the flow that
 * answers it (its `buttons`); a flow's own keyboards live in that flow.
 */
type Button = { text: string; callback_data: string };

export function rows(buttons: Button[], perRow: number): Button[][] {
  const out: Button[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) out.push(buttons.slice(i, i + perRow));
  return out;
}

export function menu(t: Messages, me: MeQuery["me"]): Keyboard {
  const roles = me.operator.roles;
  const buttons: Button[] = [];
  if (roles.includes("ACCUMULATOR_KEEPER")) buttons.push(handover.give.button(t.buttons.give), handover.get.button(t.buttons.get));
  // with a repair open, the same button leads back to it: it says so
  if (roles.includes("REPAIRER")) buttons.push(repair.repair.button(me.repair ? t.buttons.toRepair : t.buttons.repair));
  buttons.push(scooter.card.button(t.buttons.scooter));
  if (roles.includes("REPAIRER")) buttons.push(repair.place.button(t.buttons.place(me.operator.place?.name ?? me.operator.placeId ?? null)));
  if (roles.includes("ADMIN")) buttons.push(admin.operators.button(t.buttons.operators));
  if (roles.includes("MANAGER") || roles.includes("ADMIN")) buttons.push(stats.stats.button(statsText(t).menuButton, "mine")); // analytics (#8)
  return { inline_keyboard: rows(buttons, 2) };
}

export function cancelKeyboard(t: Messages): Keyboard {
  return { inline_keyboard: [[start.cancel.button(t.buttons.cancel)]] };
}

/** Yes and back side by side; any other way out on a row of its own below. */
export function confirmKeyboard(yes: Button, back: Button, ...others: Button[]): Keyboard {
  return { inline_keyboard: [[yes, back], ...others.map((b) => [b])] };
}
