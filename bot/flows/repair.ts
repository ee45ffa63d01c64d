import type { JobFieldsFragment, JobStatus, JobTypesQuery, MeQuery, RepairStatus, ScooterAction } from "../generated/graphql";
import { cancelKeyboard, confirmKeyboard, menu, rows } from "../keyboards";
import type { JobLine, Messages, RepairView } from "../messages";
import { button, match, step, type FlowRoutes } from "../routes";
import { idKind, readIds } from "../text";
import { errorCode, errorFacts, errorField, type Keyboard, type Turn } from "../turn";
import { cardText } from "./scooter";

type Repair = NonNullable<MeQuery["me"]["repair"]>;
type JobEnd = Exclude<JobStatus, "PERFORMING">;
type RepairEnd = Exclude<RepairStatus, "PERFORMING">;

/** Every value of a generated enum type, in the order given; the compiler refuses a list that misses one. */
const everyOf =
  <T extends string>() =>
  <L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : never)): readonly T[] =>
    list;
const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: string | undefined): T | null =>
    values.find((v) => v === value) ?? null;

const ENDS = ["COMPLETED", "FAILED", "CANCELLED"] as const;
const jobEnd = oneOf(everyOf<JobEnd>()(ENDS));
const repairEnd = oneOf(everyOf<RepairEnd>()(ENDS));
/** The vehicle's commands, in the order of their keyboard. */
const ACTIONS = everyOf<ScooterAction>()(["BLINK_LIGHT", "SELF_TEST", "OPEN_DECK", "BLOCK_WHEEL", "OPEN_LOCK", "UNBLOCK_WHEEL"]);
const action = oneOf(ACTIONS);
/** Commands that open or free the vehicle: asked again before they are sent. */
const RISKY_ACTIONS: ReadonlySet<ScooterAction> = new Set(["OPEN_LOCK", "UNBLOCK_WHEEL"]);

/**
 * The repair's buttons. A job button carries `n`, how many jobs the repair had when the keyboard
 * was drawn, so that a job's id is new for each job and the same for a double tap.
 */
export const buttons = {
  /** "m:repair": the menu's; the panel when a repair is open */
  repair: button("m:repair", { press: (turn) => (turn.me.repair ? showPanel(turn) : startRepair(turn, undefined)) }),
  place: button("m:place", { press: (turn) => askPlace(turn) }),
  /** "pl:<placeId>": a warehouse chosen where one is asked for (as if its id were sent) */
  placeChoice: button<string>("pl", {
    write: (placeId) => [placeId],
    read: ([placeId, ...rest]) => (placeId && rest.length === 0 ? placeId : null),
    press: (turn, placeId) => choosePlace(turn, placeId),
  }),
  /** "j:<type>:<n>" */
  job: button<{ code: string; n: number }>("j", {
    write: ({ code, n }) => [code, String(n)],
    read: ([code, n]) => (code === undefined ? null : { code, n: Number(n) }),
    press: (turn, { code, n }) => chooseJob(turn, code, null, n),
  }),
  /** "jv:<type>:<variant>:<n>" */
  jobVariant: button<{ code: string; variant: string; n: number }>("jv", {
    write: ({ code, variant, n }) => [code, variant, String(n)],
    read: ([code, variant, n]) => (code === undefined || !variant ? null : { code, variant, n: Number(n) }),
    press: (turn, { code, variant, n }) => chooseJob(turn, code, variant, n),
  }),
  /** "je:<status>" */
  jobEnd: button<JobEnd>("je", { write: (status) => [status], read: ([status]) => jobEnd(status), press: (turn, status) => endJob(turn, status) }),
  /** "p:jobs": the panel (any "p:" but "p:cmds") */
  panel: button("p", { write: () => ["jobs"], press: (turn) => showPanel(turn) }),
  /** "p:cmds": the vehicle's commands */
  commands: button("p:cmds", { press: (turn) => showCommands(turn) }),
  /** "c:<action>": sent at once */
  control: button<ScooterAction>("c", { write: (a) => [a], read: ([a]) => action(a), press: (turn, a) => control(turn, a, true) }),
  /** "c?:<action>": asked again first */
  confirmControl: button<ScooterAction>("c?", { write: (a) => [a], read: ([a]) => action(a), press: (turn, a) => control(turn, a, false) }),
  /** "re:<status>": the repair ends */
  repairEnd: button<RepairEnd>("re", { write: (s) => [s], read: ([s]) => repairEnd(s), press: (turn, s) => endRepair(turn, s, true) }),
  /** "re?:<status>": asked again first (FAILED, CANCELLED) */
  confirmRepairEnd: button<RepairEnd>("re?", { write: (s) => [s], read: ([s]) => repairEnd(s), press: (turn, s) => endRepair(turn, s, false) }),
};

/** Steps "repair:vehicle", "repair:place:<vehicle>" (the warehouse, then that repair starts), "repair:newplace". */
const steps = {
  vehicle: step("repair:vehicle", { answer: (turn, _, text) => repairStep(turn, { what: "vehicle" }, text) }),
  place: step<string>("repair:place", {
    write: (vehicleId) => [vehicleId],
    read: ([vehicleId]) => vehicleId || null,
    answer: (turn, vehicleId, text) => repairStep(turn, { what: "place", vehicleId }, text),
  }),
  newPlace: step("repair:newplace", { answer: (turn, _, text) => repairStep(turn, { what: "newplace" }, text) }),
};

export const routes: FlowRoutes = {
  buttons: Object.values(buttons),
  steps: Object.values(steps),
  commands: [{ name: "repair", run: (turn, args) => startRepair(turn, args.length ? args.join(" ") : undefined) }],
};

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
  if (turn.me.repair) {
    // one repair at a time: the open one goes on, and a vehicle asked for is told why it did not start
    const asked = vehicleId ? readIds(vehicleId).ids[0] : undefined;
    const current = turn.me.repair.vehicleId;
    // `SC-1002` is the vehicle `sc-1002` under repair (the gateway matches ids regardless of case)
    const open = asked ? turn.t.repairAlreadyOpen(current, asked.toLowerCase() === current.toLowerCase() ? current : asked) : null;
    return showPanel(turn, [note, open].filter(Boolean).join("\n") || null);
  }
  // said before anything is asked (the gateway refuses the repair to anyone else anyway)
  if (!turn.me.operator.roles.includes("REPAIRER")) {
    return turn.show(turn.t.error("FORBIDDEN", { reason: "ROLE", roles: ["REPAIRER"] }), menu(turn.t, turn.me));
  }
  if (!vehicleId) {
    await turn.setStep(steps.vehicle.step());
    return turn.show(turn.t.askVehicle, cancelKeyboard(turn.t));
  }
  // an accumulator's or a cabinet's id is said to be one, and the vehicle asked again
  const other = idKind(vehicleId.trim());
  if (other !== null && other !== "vehicle") {
    await turn.setStep(steps.vehicle.step());
    return turn.show(turn.t.wrongKindOfId(vehicleId.trim(), other, "vehicle"), cancelKeyboard(turn.t));
  }
  // the repair's id comes from this Telegram message, or from this press of a card's button (a
  // card stays in the chat and may be pressed again later): a redelivered update starts nothing new
  const pressed = turn.ctx.callbackQuery?.id;
  const repairId = pressed ? `tg-${turn.chatId}-q${pressed}` : `tg-${turn.chatId}-${turn.messageId}`;
  let startRepair;
  try {
    ({ startRepair } = await turn.gw.StartRepair({ input: { repairId, vehicleId } }));
  } catch (error) {
    // the gateway decides; when what it misses is the warehouse, ask for it once
    if (errorCode(error) === "BAD_USER_INPUT" && errorField(error) === "placeId") {
      await turn.setStep(steps.place.step(vehicleId));
      const choices = await placeChoices(turn);
      return turn.show(turn.t.askPlace(choices.length > 0), placeKeyboard(turn.t, choices));
    }
    // a vehicle Drive does not know: ask again, in the same step
    if (errorCode(error) === "BAD_USER_INPUT" && errorFacts(error).reason === "UNKNOWN_VEHICLE") {
      await turn.setStep(steps.vehicle.step());
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
async function repairStep(turn: Turn, at: { what: "vehicle" | "newplace" } | { what: "place"; vehicleId: string }, text: string): Promise<void> {
  const { ids, words } = readIds(text);
  if (words.length > 0 || ids.length !== 1) {
    if (at.what === "vehicle") return turn.show(turn.t.notAnId(words.length ? words : [text.trim()], "vehicle"), cancelKeyboard(turn.t));
    return turn.show(turn.t.notAnId(words.length ? words : [text.trim()], "place"), placeKeyboard(turn.t, await placeChoices(turn)));
  }
  if (at.what === "vehicle") return startRepair(turn, ids[0]);
  const other = idKind(ids[0]);
  if (other !== null && other !== "place") return turn.show(turn.t.wrongKindOfId(ids[0], other, "place"), placeKeyboard(turn.t, await placeChoices(turn)));
  await placeChosen(turn, at.what === "place" ? at.vehicleId : null, ids[0]);
}

/** A warehouse's button pressed: as if its id were sent at the step that asked (the live prompt's). */
async function choosePlace(turn: Turn, placeId: string): Promise<void> {
  const at = match([steps.place, steps.newPlace], turn.me.botStep ?? "");
  if (!at) return turn.show(turn.t.whatNext, menu(turn.t, turn.me)); // the step is gone (ended from elsewhere): nothing is asked now
  await placeChosen(turn, at.route === steps.place ? (at.args as string) : null, placeId);
}

/** The warehouse given: saved, then the repair waiting for it starts (`vehicleId`), or what is next is offered. */
async function placeChosen(turn: Turn, vehicleId: string | null, placeId: string): Promise<void> {
  const note = await setPlace(turn, placeId);
  if (note === null) return;
  if (vehicleId !== null) return startRepair(turn, vehicleId, note);
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
    await turn.show(turn.explain(error), placeKeyboard(turn.t, await placeChoices(turn)));
    return null;
  }
}

/** The menu's warehouse button: asks for the new one (validated by the gateway, as when first asked). */
async function askPlace(turn: Turn): Promise<void> {
  await turn.setStep(steps.newPlace.step());
  const current = turn.me.operator.placeId ? `${turn.me.operator.place?.name ? `«${turn.me.operator.place.name}» ` : ""}(${turn.me.operator.placeId})` : null;
  const choices = await placeChoices(turn);
  await turn.show(turn.t.askNewPlace(current, choices.length > 0), placeKeyboard(turn.t, choices));
}

type PlaceChoice = { placeId: string; name: string };

/**
 * The warehouses to offer instead of typing an id: the gateway's knownPlaces but the person's own,
 * by name. None when the gateway has none or cannot say (the person can still type the id).
 */
async function placeChoices(turn: Turn): Promise<PlaceChoice[]> {
  const own = turn.me.operator.placeId;
  try {
    const { knownPlaces } = await turn.gw.KnownPlaces();
    // a button's data is at most 64 bytes (Telegram's limit): a longer id is typed
    return knownPlaces
      .filter((p) => p.placeId !== own && Buffer.byteLength(buttons.placeChoice.data(p.placeId)) <= 64)
      .sort((a, b) => a.name.localeCompare(b.name, "ru") || a.placeId.localeCompare(b.placeId));
  } catch {
    return [];
  }
}

/** One warehouse per row (names are long), then the way out. */
function placeKeyboard(t: Messages, choices: PlaceChoice[]): Keyboard {
  return {
    inline_keyboard: [
      ...choices.map((p) => [buttons.placeChoice.button(t.buttons.placeChoice(p.placeId, p.name), p.placeId)]),
      ...cancelKeyboard(t).inline_keyboard,
    ],
  };
}

/** The repair panel: jobs so far, the running one, and only the buttons that work now. */
export async function showPanel(turn: Turn, note: string | null = null): Promise<void> {
  const repair = turn.me.repair;
  if (!repair) return turn.show(turn.t.noRepair, menu(turn.t, turn.me));
  const jobTypes = await turn.jobTypes();
  const text = [note, turn.t.repairPanel(repairView(repair), turn.f)].filter(Boolean).join("\n\n");
  await turn.show(text, repairPanel(turn.t, repair, jobTypes));
}

async function showCommands(turn: Turn): Promise<void> {
  const repair = turn.me.repair;
  if (!repair) return turn.show(turn.t.noRepair, menu(turn.t, turn.me));
  await turn.show(turn.t.commandsPanel(repair.vehicleId), commandsKeyboard(turn.t));
}

function findType(jobTypes: JobTypesQuery["jobTypes"], code: string) {
  return jobTypes.find((j) => j.code === code);
}

/** A job-type button: its variants first when it has more than one, else the job starts (with its only variant). */
async function chooseJob(turn: Turn, code: string, variant: string | null, n: number): Promise<void> {
  const repair = turn.me.repair;
  if (!repair) return turn.show(turn.t.noRepair, menu(turn.t, turn.me));
  const running = repair.jobs.find((j) => j.status === "PERFORMING");
  // the keyboard was drawn for another moment of the repair (a double tap after the job started): show where it is
  if (running || n !== repair.jobs.length) return showPanel(turn);
  const jobTypes = await turn.jobTypes();
  const type = findType(jobTypes, code);
  if (type && type.variants.length > 1 && !variant) return turn.show(turn.t.chooseVariant(type.title), variantKeyboard(turn.t, type, n));
  if (type && type.variants.length === 1 && !variant) variant = type.variants[0]; // nothing to choose: «Катафоты» is their replacement
  // the job's id comes from the panel message, the job's number in the repair and the button: a double tap starts one job
  const jobId = `tg-${turn.chatId}-${turn.messageId}-${n}-${code}${variant ? `-${variant}` : ""}`;
  const { startJob } = await turn.gw.StartJob({ input: { repairId: repair.id, jobId, type: code, variant } });
  await turn.refresh();
  await showPanel(turn, turn.t.jobStarted(turn.t.jobName({ title: startJob.type.title, variant: startJob.variant ?? null })));
}

async function endJob(turn: Turn, status: JobEnd): Promise<void> {
  const running = turn.me.repair?.jobs.find((j) => j.status === "PERFORMING");
  if (!running) return showPanel(turn);
  const { endJob } = await turn.gw.EndJob({ jobId: running.id, status });
  await turn.refresh();
  await showPanel(turn, turn.t.jobEnded(turn.t.jobName({ title: endJob.type.title, variant: endJob.variant ?? null }), endJob.status));
}

/** A command to the vehicle; opening and unblocking ones are asked again first. */
async function control(turn: Turn, action: ScooterAction, confirmed: boolean): Promise<void> {
  const repair = turn.me.repair;
  if (!repair) return turn.show(turn.t.noRepair, menu(turn.t, turn.me));
  const name = turn.t.actions[action] ?? action;
  if (!confirmed) {
    return turn.show(
      turn.t.confirmCommand(name, repair.vehicleId),
      confirmKeyboard(buttons.control.button(turn.t.buttons.yesDo(name), action), buttons.commands.button(turn.t.buttons.no)),
    );
  }
  const { scooterControl: r } = await turn.gw.ScooterControl({ vehicleId: repair.vehicleId, action });
  await turn.show(`${turn.t.controlResult(name, r.outcome)}\n\n${turn.t.commandsPanel(repair.vehicleId)}`, commandsKeyboard(turn.t));
}

/**
 * The end of the repair: COMPLETED at once (its button shows only when no job runs) unless no job
 * was recorded; FAILED and CANCELLED asked again first.
 */
async function endRepair(turn: Turn, status: RepairEnd, confirmed: boolean): Promise<void> {
  const repair = turn.me.repair;
  if (!repair) return turn.show(turn.t.noRepair, menu(turn.t, turn.me));
  const jobs = repair.jobs.length;
  const running = repair.jobs.some((j) => j.status === "PERFORMING");
  if (!confirmed && (status !== "COMPLETED" || jobs === 0)) {
    const [text, yes] =
      status === "CANCELLED"
        ? [turn.t.confirmCancelRepair(repair.vehicleId, jobs, running), turn.t.buttons.yesCancelRepair]
        : status === "FAILED"
          ? [turn.t.confirmFailRepair(repair.vehicleId, jobs, running), turn.t.buttons.yesFailRepair]
          : [turn.t.confirmFinishEmptyRepair(repair.vehicleId), turn.t.buttons.yesFinishEmptyRepair];
    const other = status === "COMPLETED" ? [buttons.confirmRepairEnd.button(turn.t.buttons.repairCancelled, "CANCELLED")] : [];
    return turn.show(text, confirmKeyboard(buttons.repairEnd.button(yes, status), buttons.panel.button(turn.t.buttons.no), ...other));
  }
  const { endRepair: r } = await turn.gw.EndRepair({ repairId: repair.id, status });
  // the panel stays in the chat as the repair's last state, without buttons or a prompt
  if (turn.livePress) await turn.show(turn.t.repairPanel({ ...repairView({ ...repair, ...r, place: repair.place }), running: null }, turn.f, true));
  await turn.refresh();
  const summary = turn.t.repairEnded(r.vehicleId, r.status, r.jobs.map(jobLine), r.durationSeconds ?? null);
  // the end of a step is a message of its own (a record in the chat); the panel above keeps its last state
  await turn.send(`${summary}\n\n${turn.t.whatNext}`, menu(turn.t, turn.me));
}

/**
 * The repair panel shows only what can be done now: while a job runs, its end buttons; otherwise
 * the job types and the end of the repair. Vehicle commands are on their own keyboard.
 */
function repairPanel(t: Messages, repair: Repair, jobTypes: JobTypesQuery["jobTypes"]): Keyboard {
  const running = repair.jobs.find((j) => j.status === "PERFORMING");
  const n = repair.jobs.length;
  if (running) {
    return {
      inline_keyboard: [
        [buttons.jobEnd.button(t.buttons.jobDone, "COMPLETED"), buttons.jobEnd.button(t.buttons.jobFailed, "FAILED")],
        [buttons.jobEnd.button(t.buttons.jobCancelled, "CANCELLED")],
        [buttons.commands.button(t.buttons.commands)],
        [buttons.confirmRepairEnd.button(t.buttons.repairCancelled, "CANCELLED")],
      ],
    };
  }
  return {
    inline_keyboard: [
      ...rows(
        jobTypes.filter((j) => j.active).map((j) => buttons.job.button(j.title, { code: j.code, n })),
        2,
      ),
      [buttons.commands.button(t.buttons.commands)],
      [
        // with no job recorded, finishing is asked again (most often it should be cancelled instead)
        (n === 0 ? buttons.confirmRepairEnd : buttons.repairEnd).button(t.buttons.repairDone, "COMPLETED"),
        buttons.confirmRepairEnd.button(t.buttons.repairFailed, "FAILED"),
      ],
      [buttons.confirmRepairEnd.button(t.buttons.repairCancelled, "CANCELLED")],
    ],
  };
}

function commandsKeyboard(t: Messages): Keyboard {
  return {
    inline_keyboard: [
      ...rows(
        ACTIONS.map((a) => (RISKY_ACTIONS.has(a) ? buttons.confirmControl : buttons.control).button(t.actions[a], a)),
        2,
      ),
      [buttons.panel.button(t.buttons.toJobs)],
    ],
  };
}

function variantKeyboard(t: Messages, type: JobTypesQuery["jobTypes"][number], n: number): Keyboard {
  return {
    inline_keyboard: [
      ...rows(
        type.variants.map((v) => buttons.jobVariant.button(t.variants[v] ?? v.toLowerCase(), { code: type.code, variant: v, n })),
        2,
      ),
      [buttons.panel.button(t.buttons.back)],
    ],
  };
}
