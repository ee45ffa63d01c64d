import { cancelKeyboard } from "../keyboards";
import { button, exact, step, type FlowRoutes } from "../routes";
import { nextKeyboard } from "./start";
import { buttons as repairButtons, startRepair } from "./repair";
import { readIds } from "../text";
import { errorCode, errorFacts, type Turn } from "../turn";

/** "m:scooter": the menu's card button; "rs:<vehicle>": a card's «start a repair of it». */
export const buttons = {
  card: button("m:scooter", { press: (turn) => scooterCommand(turn, undefined) }),
  repairThis: button<string>("rs", {
    write: (vehicleId) => [vehicleId],
    read: (rest) => (rest.length && rest.every(Boolean) ? rest.join(":") : null),
    press: (turn, vehicleId) => startRepair(turn, vehicleId),
  }),
};

/** Telegram's limit on a button's data: a card offers its repair only when the vehicle's id fits in it. */
const MAX_CALLBACK_BYTES = 64;

/** Step "scooter:vehicle": the next text is the vehicle whose card is shown. */
const vehicle = step("scooter:vehicle", { read: exact, answer: (turn, _, text) => scooterCommand(turn, text) });

export const routes: FlowRoutes = {
  buttons: Object.values(buttons),
  steps: [vehicle],
  commands: [{ name: "scooter", run: (turn, args) => scooterCommand(turn, args.length ? args.join(" ") : undefined) }],
};

/** A scooter's id sent with nothing asked for: its card, as /scooter <id>. */
export function showCard(turn: Turn, vehicleId: string): Promise<void> {
  return scooterCommand(turn, vehicleId);
}

/** /scooter <vehicle>: the card, without starting anything; then what can be done next. */
async function scooterCommand(turn: Turn, text: string | undefined): Promise<void> {
  if (!text) {
    await turn.setStep(vehicle.step());
    return turn.show(turn.t.askVehicle, cancelKeyboard(turn.t));
  }
  const { ids, words } = readIds(text);
  if (words.length > 0 || ids.length !== 1) {
    await turn.setStep(vehicle.step());
    return turn.show(turn.t.notAnId(words.length ? words : [text.trim()], "vehicle"), cancelKeyboard(turn.t));
  }
  let card: Card;
  try {
    card = await cardOf(turn, ids[0]);
  } catch (error) {
    if (errorCode(error) !== "NOT_FOUND" || errorFacts(error).reason !== "UNKNOWN_VEHICLE") throw error;
    await turn.setStep(vehicle.step());
    return turn.show(`${turn.explain(error)}\n${turn.t.askVehicle}`, cancelKeyboard(turn.t));
  }
  await turn.setStep(null);
  const keyboard = nextKeyboard(turn);
  // a repairer with nothing open, at a vehicle nobody repairs: its repair one press away
  const repairable = !turn.me.repair && !turn.me.handover && !card.underRepair && turn.me.operator.roles.includes("REPAIRER");
  const start = buttons.repairThis.data(card.vehicleId);
  if (repairable && Buffer.byteLength(start) <= MAX_CALLBACK_BYTES) {
    keyboard.inline_keyboard = [
      [{ text: turn.t.buttons.repairThis(card.vehicleId), callback_data: start }],
      ...keyboard.inline_keyboard.filter((row) => !row.some((b) => "callback_data" in b && b.callback_data === repairButtons.repair.data())),
    ];
  }
  await turn.show(turn.me.repair || turn.me.handover ? card.text : `${card.text}\n\n${turn.t.whatNext}`, keyboard);
}

interface Card {
  text: string;
  /** the vehicle's id as the fleet spells it */
  vehicleId: string;
  /** someone's repair of it is open */
  underRepair: boolean;
}

/** Repairs a card lists, the newest first: as many on a repair's start as on /scooter. */
const CARD_REPAIRS = 5;

/** The vehicle card's text. */
export async function cardText(turn: Turn, vehicleId: string, exceptRepairId?: string): Promise<string> {
  return (await cardOf(turn, vehicleId, exceptRepairId)).text;
}

async function cardOf(turn: Turn, vehicleId: string, exceptRepairId?: string): Promise<Card> {
  const { scooter: s } = await turn.gw.Scooter({ vehicleId });
  const repairs = s.repairs.filter((r) => r.id !== exceptRepairId).slice(0, CARD_REPAIRS);
  const active = s.activeRepair && s.activeRepair.id !== exceptRepairId ? s.activeRepair : null;
  const text = turn.t.card(
    {
      vehicleId: s.vehicleId,
      mileageKm: s.mileageKm ?? null,
      brokenComment: s.brokenComment ?? null,
      firmware: s.firmware,
      lastRepairAt: s.lastRepair?.finishedAt ?? null,
      sinceKm: s.mileageSinceLastRepairKm ?? null,
      active: active ? { performer: active.performer.login, startedAt: active.startedAt } : null,
      withoutCurrent: exceptRepairId !== undefined,
      repairs: repairs.map((r) => ({
        status: r.status,
        startedAt: r.startedAt,
        performer: r.performer.login,
        jobs: r.jobs.map((j) => ({ title: j.type.title, variant: j.variant ?? null, status: j.status, durationSeconds: null })),
      })),
    },
    turn.f,
  );
  return { text, vehicleId: s.vehicleId, underRepair: s.activeRepair != null };
}
