import { handoverKeyboard, menu } from "../keyboards";
import type { Turn } from "../turn";
import { showPanel } from "./repair";

/** /start: the menu of the operator's roles, and where they are when something is open. */
export async function start(turn: Turn): Promise<void> {
  const { operator, handover, repair } = turn.me;
  if (operator.roles.length === 0) return turn.reply(turn.t.noRoles);
  await turn.reply(turn.t.greeting(operator.login), menu(turn.t, operator.roles));
  if (handover) {
    const booking = turn.t.booking(handover.kind, handover.cabinetId, handover.contractorId, handover.booked, handover.expected);
    await turn.reply(`${booking}\n${handover.done}/${handover.expected}`, handoverKeyboard(turn.t));
  }
  if (repair) await showPanel(turn);
}

export async function help(turn: Turn): Promise<void> {
  await turn.reply(turn.t.help(turn.me.operator.roles), menu(turn.t, turn.me.operator.roles));
}

/** /cancel: leaves the step; an open handover is closed with everything scanned kept; a repair stays. */
export async function cancel(turn: Turn): Promise<void> {
  if (turn.me.botStep) await turn.setStep(null);
  let kept: string | null = null;
  if (turn.me.handover) {
    await turn.gw.FinishHandover();
    kept = turn.t.keptHandover;
  } else if (turn.me.repair) {
    kept = turn.t.keptRepair;
  }
  await turn.reply(turn.t.cancelled(kept), menu(turn.t, turn.me.operator.roles));
}
