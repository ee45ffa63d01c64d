import { cancelKeyboard, menu } from "../keyboards";
import { button, type FlowRoutes } from "../routes";
import type { Keyboard, Turn } from "../turn";
import { askClose, handoverKeyboard, handoverView } from "./handover";
import { buttons as repair, showPanel } from "./repair";

/** "m:menu", and "cancel" (the step's way out). */
export const buttons = {
  // the way back in after a message with no live buttons (the gateway was down, no role yet): valid on any message
  menu: button("m:menu", { anytime: true, press: (turn) => start(turn) }),
  cancel: button("cancel", { press: (turn) => cancel(turn) }),
};

export const routes: FlowRoutes = {
  buttons: Object.values(buttons),
  commands: [
    { name: "start", run: (turn) => start(turn) },
    { name: "help", run: (turn) => help(turn) },
    { name: "cancel", run: (turn) => cancel(turn) },
  ],
};

/** /start: one message — the greeting, and where the operator is (handover, repair) or the menu of their roles. */
async function start(turn: Turn): Promise<void> {
  const { operator, handover, repair } = turn.me;
  if (operator.roles.length === 0) return turn.show(turn.t.noRoles, retryKeyboard(turn.t));
  await turn.setStep(null);
  const greeting = turn.t.greeting(operator.login);
  if (handover) return turn.show(`${greeting}\n\n${turn.t.handover(handoverView(handover))}`, handoverKeyboard(turn.t));
  if (repair) return showPanel(turn, greeting);
  await turn.show(`${greeting} ${turn.t.whatNext}`, menu(turn.t, turn.me));
}

/** The buttons of what the operator can do now: the open handover, the repair panel, or the menu. */
export async function whereNow(turn: Turn, text: string): Promise<void> {
  if (turn.me.handover) return turn.show(text, handoverKeyboard(turn.t));
  if (turn.me.repair) return showPanel(turn, text);
  if (turn.me.botStep) return turn.show(text, cancelKeyboard(turn.t));
  await turn.show(text, menu(turn.t, turn.me));
}

/** Buttons for a message that shows something and ends nothing: back to what is open, or the menu. */
export function nextKeyboard(turn: Turn): Keyboard {
  if (turn.me.handover) return handoverKeyboard(turn.t);
  if (turn.me.repair) return { inline_keyboard: [[repair.repair.button(turn.t.buttons.toRepair)]] };
  return menu(turn.t, turn.me);
}

async function help(turn: Turn): Promise<void> {
  await whereNow(turn, turn.t.help(turn.me.operator.roles));
}

/**
 * /cancel: leaves the step (an open handover or repair stays, with its buttons); with no step, an
 * open handover is asked whether to close it (with its summary, everything scanned kept); a repair stays.
 */
async function cancel(turn: Turn): Promise<void> {
  if (turn.me.botStep) {
    await turn.setStep(null);
    // the step left (a new booking asked for, a question): the handover open before it stays, and is said
    if (turn.me.handover) return whereNow(turn, turn.t.cancelled(turn.t.keptHandover(handoverView(turn.me.handover))));
    if (turn.me.repair) return whereNow(turn, turn.t.cancelled(null));
    return turn.show(`${turn.t.cancelled(null)} ${turn.t.whatNext}`, menu(turn.t, turn.me));
  }
  if (turn.me.handover) return askClose(turn);
  if (turn.me.repair) return showPanel(turn, turn.t.keptRepair(turn.me.repair.vehicleId));
  await turn.show(`${turn.t.nothingToCancel} ${turn.t.whatNext}`, menu(turn.t, turn.me));
}

/** One button that starts over from where the gateway says the person is: after a failure, or to check a role again. */
export function retryKeyboard(t: Turn["t"]): Keyboard {
  return { inline_keyboard: [[buttons.menu.button(t.buttons.retry)]] };
}
