import type { JobFieldsFragment, JobTypesQuery, MeQuery } from "../generated/graphql";
import { CB, cancelKeyboard, commandsKeyboard, confirmKeyboard, menu, repairPanel, variantKeyboard } from "../keyboards";
import type { JobLine, RepairView } from "../messages";
import { readIds } from "../text";
import { errorCode, errorFacts, errorField, type Turn } from "../turn";
import { cardText } from "./scooter";

type Repair = NonNullable<MeQuery["me"]["repair"]>;

export function jobLine(j: JobFieldsFragment): JobLine {
  return { title: j.type.title, variant: j.variant ?? null, status: j.status, durationSeconds: j.durationSeconds ?? null };
}

function repairView(r: Repair): RepairView {
  const running = r.jobs.find((j) => j.status === "PERFORMING");
  return {
    vehicleId: r.vehicleId,
    placeId: r.placeId,
    placeName: r.place?.name ?? null,
    startedAt: r.startedAt,
    jobs: r.jobs.map(jobLine),
    running: running ? jobLine(running) : null,
  };
}

/** /repair [vehicle]: asks for the vehicle, and once for the warehouse, then starts the repair. */
export async function startRepair(turn: Turn, vehicleId: string | undefined, note: string | null = null): Promise<void> {
  if (turn.me.repair) return showPanel(turn, note);
  if (!vehicleId) {
    await turn.setStep("repair:vehicle");
    return turn.show(turn.t.askVehicle, cancelKeyboard(turn.t));
  }
  // the repair's id comes from this Telegram message: a redelivered update starts nothing new
  let startRepair;
  try {
    ({ startRepair } = await turn.gw.StartRepair({ input: { repairId: `tg-${turn.chatId}-${turn.messageId}`, vehicleId } }));
  } catch (error) {
    // the gateway decides; when what it misses is the warehouse, ask for it once
    if (errorCode(error) === "BAD_USER_INPUT" && errorField(error) === "placeId") {
      await turn.setStep(`repair:place:${vehicleId}`);
      return turn.show(turn.t.askPlace, cancelKeyboard(turn.t));
    }
    // a vehicle Drive does not know: ask again, in the same step
    if (errorCode(error) === "BAD_USER_INPUT" && errorFacts(error).reason === "UNKNOWN_VEHICLE") {
      await turn.setStep("repair:vehicle");
      return turn.show(`${turn.explain(error)}\n${turn.t.askVehicle}`, cancelKeyboard(turn.t));
    }
    throw error;
  }
  await turn.setStep(null);
  await turn.refresh();
  // one message: what happened, the vehicle card, and the panel
  const card = await cardText(turn, startRepair.vehicleId, startRepair.id);
  const parts = [note, turn.t.repairStarted(startRepair.vehicleId), card].filter(Boolean).join("\n");
  await showPanel(turn, parts);
}

/** A text while the bot waits for the vehicle or the warehouse. */
export async function repairStep(turn: Turn, step: string, text: string): Promise<void> {
  const [, what, vehicleId] = step.split(":");
  const { ids, words } = readIds(text);
  if (words.length > 0 || ids.length !== 1) {
    return turn.show(turn.t.notAnId(words.length ? words : [text.trim()], what === "vehicle" ? "vehicle" : "place"), cancelKeyboard(turn.t));
  }
  if (what === "vehicle") return startRepair(turn, ids[0]);
  const note = await setPlace(turn, ids[0]);
  if (note === null) return;
  if (what === "place" && vehicleId) return startRepair(turn, vehicleId, note);
  await turn.setStep(null);
  await turn.show(`${note}\n\n${turn.t.whatNext}`, menu(turn.t, turn.me));
}

/** Sets the operator's warehouse; an unknown one is said and asked again (null). */
async function setPlace(turn: Turn, placeId: string): Promise<string | null> {
  try {
    const { setPlace } = await turn.gw.SetPlace({ placeId });
    turn.me = { ...turn.me, operator: { ...turn.me.operator, placeId: setPlace.placeId, place: setPlace.place } };
    return turn.t.placeSet(setPlace.placeId!, setPlace.place?.name ?? null);
  } catch (error) {
    if (errorCode(error) !== "BAD_USER_INPUT") throw error;
    await turn.show(turn.explain(error), cancelKeyboard(turn.t));
    return null;
  }
}

/** The menu's warehouse button: asks for the new one (validated by the gateway, as when first asked). */
export async function askPlace(turn: Turn): Promise<void> {
  await turn.setStep("repair:newplace");
  const current = turn.me.operator.placeId ? `${turn.me.operator.place?.name ? `«${turn.me.operator.place.name}» ` : ""}(${turn.me.operator.placeId})` : null;
  await turn.show(turn.t.askNewPlace(current), cancelKeyboard(turn.t));
}

/** The repair panel: jobs so far, the running one, and only the buttons that work now. */
export async function showPanel(turn: Turn, note: string | null = null): Promise<void> {
  const repair = turn.me.repair;
  if (!repair) return turn.show(turn.t.noRepair, menu(turn.t, turn.me));
  const { jobTypes } = await turn.gw.JobTypes();
  const text = [note, turn.t.repairPanel(repairView(repair), turn.f)].filter(Boolean).join("\n\n");
  await turn.show(text, repairPanel(turn.t, repair, jobTypes));
}

export async function showCommands(turn: Turn): Promise<void> {
  const repair = turn.me.repair;
  if (!repair) return turn.show(turn.t.noRepair, menu(turn.t, turn.me));
  await turn.show(turn.t.commandsPanel(repair.vehicleId), commandsKeyboard(turn.t));
}

function findType(jobTypes: JobTypesQuery["jobTypes"], code: string) {
  return jobTypes.find((j) => j.code === code);
}

/** A job-type button: its variants first when it has any, else the job starts. */
export async function chooseJob(turn: Turn, code: string, variant: string | null, n: number): Promise<void> {
  const repair = turn.me.repair;
  if (!repair) return turn.show(turn.t.noRepair, menu(turn.t, turn.me));
  const running = repair.jobs.find((j) => j.status === "PERFORMING");
  // the keyboard was drawn for another moment of the repair (a double tap after the job started): show where it is
  if (running || n !== repair.jobs.length) return showPanel(turn);
  const { jobTypes } = await turn.gw.JobTypes();
  const type = findType(jobTypes, code);
  if (type && type.variants.length > 0 && !variant) return turn.show(turn.t.chooseVariant(type.title), variantKeyboard(turn.t, type, n));
  // the job's id comes from the panel message, the job's number in the repair and the button: a double tap starts one job
  const jobId = `tg-${turn.chatId}-${turn.messageId}-${n}-${code}${variant ? `-${variant}` : ""}`;
  const { startJob } = await turn.gw.StartJob({ input: { repairId: repair.id, jobId, type: code, variant } });
  await turn.refresh();
  await showPanel(turn, turn.t.jobStarted(turn.t.jobName({ title: startJob.type.title, variant: startJob.variant ?? null })));
}

export async function endJob(turn: Turn, status: "COMPLETED" | "FAILED" | "CANCELLED"): Promise<void> {
  const running = turn.me.repair?.jobs.find((j) => j.status === "PERFORMING");
  if (!running) return showPanel(turn);
  const { endJob } = await turn.gw.EndJob({ jobId: running.id, status });
  await turn.refresh();
  await showPanel(turn, turn.t.jobEnded(turn.t.jobName({ title: endJob.type.title, variant: endJob.variant ?? null }), endJob.status));
}

/** A command to the vehicle; opening and unblocking ones are asked again first. */
export async function control(turn: Turn, action: string, confirmed: boolean): Promise<void> {
  const repair = turn.me.repair;
  if (!repair) return turn.show(turn.t.noRepair, menu(turn.t, turn.me));
  const name = turn.t.actions[action] ?? action;
  if (!confirmed) {
    return turn.show(
      turn.t.confirmCommand(name, repair.vehicleId),
      confirmKeyboard({ text: turn.t.buttons.yesDo(name), callback_data: CB.control(action) }, { text: turn.t.buttons.no, callback_data: CB.commands }),
    );
  }
  const { scooterControl: r } = await turn.gw.ScooterControl({ vehicleId: repair.vehicleId, action: action as never });
  // Drive's free text is quoted as the reason only when the vehicle itself reported a failure
  const reason = r.outcome === "FAILED" ? (r.message ?? null) : null;
  await turn.show(`${turn.t.controlResult(name, r.outcome, reason)}\n\n${turn.t.commandsPanel(repair.vehicleId)}`, commandsKeyboard(turn.t));
}

/** The end of the repair: COMPLETED at once (its button shows only when no job runs); FAILED and CANCELLED asked again first. */
export async function endRepair(turn: Turn, status: "COMPLETED" | "FAILED" | "CANCELLED", confirmed: boolean): Promise<void> {
  const repair = turn.me.repair;
  if (!repair) return turn.show(turn.t.noRepair, menu(turn.t, turn.me));
  if (!confirmed && status !== "COMPLETED") {
    const yes = status === "CANCELLED" ? turn.t.buttons.yesCancelRepair : turn.t.buttons.yesFailRepair;
    const text = status === "CANCELLED" ? turn.t.confirmCancelRepair(repair.vehicleId) : turn.t.confirmFailRepair(repair.vehicleId);
    return turn.show(text, confirmKeyboard({ text: yes, callback_data: CB.repairEnd(status) }, { text: turn.t.buttons.no, callback_data: CB.panel }));
  }
  const { endRepair: r } = await turn.gw.EndRepair({ repairId: repair.id, status });
  // the panel stays in the chat as the repair's last state, without buttons or a prompt
  if (turn.livePress) await turn.show(turn.t.repairPanel({ ...repairView({ ...repair, ...r, place: repair.place }), running: null }, turn.f, true));
  await turn.refresh();
  const summary = turn.t.repairEnded(r.vehicleId, r.status, r.jobs.map(jobLine), r.durationSeconds ?? null, turn.f);
  // the end of a step is a message of its own (a record in the chat); the panel above keeps its last state
  await turn.send(`${summary}\n\n${turn.t.whatNext}`, menu(turn.t, turn.me));
}
