import { repairPanel, variantKeyboard, cancelKeyboard } from "../keyboards";
import { errorCode, errorField, type Turn } from "../turn";
import { showCard } from "./scooter";

/** /repair [vehicle]: asks for the vehicle, and once for the warehouse, then starts the repair. */
export async function startRepair(turn: Turn, vehicleId: string | undefined): Promise<void> {
  if (turn.me.repair) return showPanel(turn);
  if (!vehicleId) {
    await turn.setStep("repair:vehicle");
    return turn.reply(turn.t.askVehicle, cancelKeyboard(turn.t));
  }
  // the repair's id comes from this Telegram message: a redelivered update starts nothing new
  let startRepair;
  try {
    ({ startRepair } = await turn.gw.StartRepair({ input: { repairId: `tg-${turn.chatId}-${turn.messageId}`, vehicleId } }));
  } catch (error) {
    // the gateway decides; when what it misses is the warehouse, ask for it once
    if (errorCode(error) !== "BAD_USER_INPUT" || errorField(error) !== "placeId") throw error;
    await turn.setStep(`repair:place:${vehicleId}`);
    return turn.reply(turn.t.askPlace, cancelKeyboard(turn.t));
  }
  await turn.setStep(null);
  await turn.reply(turn.t.repairStarted(startRepair.vehicleId, startRepair.placeId));
  await showCard(turn, startRepair.vehicleId);
  await turn.refresh();
  await showPanel(turn);
}

export async function repairStep(turn: Turn, step: string, ids: string[]): Promise<void> {
  const [, what, vehicleId] = step.split(":");
  if (what === "vehicle") return startRepair(turn, ids[0]);
  const { setPlace } = await turn.gw.SetPlace({ placeId: ids[0] });
  await turn.reply(turn.t.placeSet(setPlace.placeId!));
  turn.me = { ...turn.me, operator: { ...turn.me.operator, placeId: setPlace.placeId } };
  return startRepair(turn, vehicleId);
}

export async function showPanel(turn: Turn): Promise<void> {
  const repair = turn.me.repair;
  if (!repair) return turn.reply(turn.t.noRepair);
  const { jobTypes } = await turn.gw.JobTypes();
  const running = repair.jobs.find((j) => j.status === "PERFORMING");
  await turn.reply(turn.t.repairPanel(repair.vehicleId, running?.type.title ?? null), repairPanel(turn.t, repair, jobTypes));
}

/** A job-type button: its variants first when it has any, else the job starts. */
export async function chooseJob(turn: Turn, code: string, variant: string | null): Promise<void> {
  const repair = turn.me.repair;
  if (!repair) return turn.reply(turn.t.noRepair);
  const { jobTypes } = await turn.gw.JobTypes();
  const type = jobTypes.find((j) => j.code === code);
  if (type && type.variants.length > 0 && !variant) return turn.reply(turn.t.chooseVariant(type.title), variantKeyboard(turn.t, type));
  // the job's id comes from the keyboard message and the button: a double tap starts one job
  const jobId = `tg-${turn.chatId}-${turn.messageId}-${code}${variant ? `-${variant}` : ""}`;
  const { startJob } = await turn.gw.StartJob({ input: { repairId: repair.id, jobId, type: code, variant } });
  await turn.reply(turn.t.jobStarted(startJob.type.title));
  await turn.refresh();
  await showPanel(turn);
}

export async function endJob(turn: Turn, status: "COMPLETED" | "FAILED" | "CANCELLED"): Promise<void> {
  const running = turn.me.repair?.jobs.find((j) => j.status === "PERFORMING");
  if (!running) return showPanel(turn);
  const { endJob } = await turn.gw.EndJob({ jobId: running.id, status });
  await turn.reply(turn.t.jobEnded(endJob.type.title, endJob.status));
  await turn.refresh();
  await showPanel(turn);
}

export async function control(turn: Turn, action: string): Promise<void> {
  const repair = turn.me.repair;
  if (!repair) return turn.reply(turn.t.noRepair);
  const { scooterControl: r } = await turn.gw.ScooterControl({ vehicleId: repair.vehicleId, action: action as never });
  await turn.reply(turn.t.controlResult(turn.t.actions[r.action] ?? r.action, r.ok, r.message ?? null));
}

export async function endRepair(turn: Turn, status: "COMPLETED" | "CANCELLED"): Promise<void> {
  const repair = turn.me.repair;
  if (!repair) return turn.reply(turn.t.noRepair);
  const { endRepair: r } = await turn.gw.EndRepair({ repairId: repair.id, status });
  const jobs = r.jobs.map((j) => `${j.type.title}${j.variant ? ` (${turn.t.variants[j.variant] ?? j.variant})` : ""}`);
  await turn.reply(turn.t.repairEnded(r.vehicleId, r.status, jobs, r.durationSeconds === null || r.durationSeconds === undefined ? null : Math.round(r.durationSeconds / 60)));
}
