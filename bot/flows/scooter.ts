import { cancelKeyboard } from "../keyboards";
import { button, exact, step, type FlowRoutes } from "../routes";
import { nextKeyboard } from "./start";
import { readIds } from "../text";
import { errorCode, errorFacts, type Turn } from "../turn";

/** "m:scooter": the menu's card button. */
export const buttons = {
  card: button("m:scooter", { press: (turn) => scooterCommand(turn, undefined) }),
};

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
  let card: string;
  try {
    card = await cardText(turn, ids[0]);
  } catch (error) {
    if (errorCode(error) !== "NOT_FOUND" || errorFacts(error).reason !== "UNKNOWN_VEHICLE") throw error;
    await turn.setStep(vehicle.step());
    return turn.show(`${turn.explain(error)}\n${turn.t.askVehicle}`, cancelKeyboard(turn.t));
  }
  await turn.setStep(null);
  await turn.show(turn.me.repair || turn.me.handover ? card : `${card}\n\n${turn.t.whatNext}`, nextKeyboard(turn));
}

/** Repairs a card lists, the newest first: as many on a repair's start as on /scooter. */
const CARD_REPAIRS = 5;

/** The vehicle card's text. */
export async function cardText(turn: Turn, vehicleId: string, exceptRepairId?: string): Promise<string> {
  const { scooter: s } = await turn.gw.Scooter({ vehicleId });
  const repairs = s.repairs.filter((r) => r.id !== exceptRepairId).slice(0, CARD_REPAIRS);
  const active = s.activeRepair && s.activeRepair.id !== exceptRepairId ? s.activeRepair : null;
  return turn.t.card(
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
}
