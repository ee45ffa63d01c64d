import { cancelKeyboard } from "../keyboards";
import type { Turn } from "../turn";

/** /scooter <vehicle>: the card, without starting anything. */
export async function scooterCommand(turn: Turn, vehicleId: string | undefined): Promise<void> {
  if (!vehicleId) {
    await turn.setStep("scooter:vehicle");
    return turn.reply(turn.t.askVehicle, cancelKeyboard(turn.t));
  }
  await turn.setStep(null);
  await showCard(turn, vehicleId);
}

export async function showCard(turn: Turn, vehicleId: string): Promise<void> {
  const { scooter: s } = await turn.gw.Scooter({ vehicleId });
  await turn.reply(
    turn.t.card({
      vehicleId: s.vehicleId,
      mileageKm: s.mileageKm ?? null,
      brokenComment: s.brokenComment ?? null,
      firmware: s.firmware,
      lastRepairAt: s.lastRepair?.finishedAt ?? null,
      sinceKm: s.mileageSinceLastRepairKm ?? null,
      activeBy: s.activeRepair?.performer.login ?? null,
      repairs: s.repairs.map((r) => ({
        status: r.status,
        startedAt: r.startedAt,
        performer: r.performer.login,
        jobs: r.jobs.map((j) => `${j.type.title}${j.variant ? ` (${turn.t.variants[j.variant] ?? j.variant})` : ""}`),
      })),
    }),
  );
}
