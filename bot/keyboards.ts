import type { JobTypesQuery, MeQuery } from "./generated/graphql";
import { statsText, type Messages } from "./messages";
import type { Keyboard } from "./turn";

type Button = { text: string; callback_data: string };

function rows(buttons: Button[], perRow: number): Button[][] {
  const out: Button[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) out.push(buttons.slice(i, i + perRow));
  return out;
}

/** Callback data: short, prefixed by what the button does (Telegram allows 64 bytes). */
export const CB = {
  give: "m:give",
  get: "m:get",
  repair: "m:repair",
  scooter: "m:scooter",
  place: "m:place",
  menu: "m:menu",
  operators: "m:ops",
  addOperator: "ops:add",
  removeOperator: (login: string) => `ops:rm:${login}`,
  done: "h:done",
  cancel: "cancel",
  /** `n`: how many jobs the repair had when the keyboard was drawn, so that a job's id is new for each job and the same for a double tap */
  job: (code: string, n: number) => `j:${code}:${n}`,
  jobVariant: (code: string, variant: string, n: number) => `jv:${code}:${variant}:${n}`,
  jobEnd: (status: string) => `je:${status}`,
  panel: "p:jobs",
  commands: "p:cmds",
  control: (action: string) => `c:${action}`,
  confirmControl: (action: string) => `c?:${action}`,
  repairEnd: (status: string) => `re:${status}`,
  confirmRepairEnd: (status: string) => `re?:${status}`,
  stats: (scope: "mine" | "all") => `st:${scope}`,
} as const;

/** Commands that open or free the vehicle: asked again before they are sent. */
export const RISKY_ACTIONS = new Set(["OPEN_LOCK", "UNBLOCK_WHEEL"]);
const ACTIONS = ["BLINK_LIGHT", "SELF_TEST", "OPEN_DECK", "BLOCK_WHEEL", "OPEN_LOCK", "UNBLOCK_WHEEL"];

export function menu(t: Messages, me: MeQuery["me"]): Keyboard {
  const roles = me.operator.roles;
  const buttons: Button[] = [];
  if (roles.includes("ACCUMULATOR_KEEPER")) buttons.push({ text: t.buttons.give, callback_data: CB.give }, { text: t.buttons.get, callback_data: CB.get });
  if (roles.includes("REPAIRER")) buttons.push({ text: t.buttons.repair, callback_data: CB.repair });
  buttons.push({ text: t.buttons.scooter, callback_data: CB.scooter });
  if (roles.includes("REPAIRER")) buttons.push({ text: t.buttons.place(me.operator.place?.name ?? me.operator.placeId ?? null), callback_data: CB.place });
  if (roles.includes("ADMIN")) buttons.push({ text: t.buttons.operators, callback_data: CB.operators });
  if (roles.includes("MANAGER") || roles.includes("ADMIN")) buttons.push({ text: statsText(t).menuButton, callback_data: CB.stats("mine") }); // analytics (#8)
  return { inline_keyboard: rows(buttons, 2) };
}

export function handoverKeyboard(t: Messages): Keyboard {
  return { inline_keyboard: [[{ text: t.buttons.done, callback_data: CB.done }]] };
}

export function cancelKeyboard(t: Messages): Keyboard {
  return { inline_keyboard: [[{ text: t.buttons.cancel, callback_data: CB.cancel }]] };
}

type Repair = NonNullable<MeQuery["me"]["repair"]>;

/**
 * The repair panel shows only what can be done now: while a job runs, its end buttons; otherwise
 * the job types and the end of the repair. Vehicle commands are on their own keyboard.
 */
export function repairPanel(t: Messages, repair: Repair, jobTypes: JobTypesQuery["jobTypes"]): Keyboard {
  const running = repair.jobs.find((j) => j.status === "PERFORMING");
  const n = repair.jobs.length;
  if (running) {
    return {
      inline_keyboard: [
        [
          { text: t.buttons.jobDone, callback_data: CB.jobEnd("COMPLETED") },
          { text: t.buttons.jobFailed, callback_data: CB.jobEnd("FAILED") },
        ],
        [{ text: t.buttons.jobCancelled, callback_data: CB.jobEnd("CANCELLED") }],
        [{ text: t.buttons.commands, callback_data: CB.commands }],
        [{ text: t.buttons.repairCancelled, callback_data: CB.confirmRepairEnd("CANCELLED") }],
      ],
    };
  }
  return {
    inline_keyboard: [
      ...rows(
        jobTypes.filter((j) => j.active).map((j) => ({ text: j.title, callback_data: CB.job(j.code, n) })),
        2,
      ),
      [{ text: t.buttons.commands, callback_data: CB.commands }],
      [
        { text: t.buttons.repairDone, callback_data: CB.repairEnd("COMPLETED") },
        { text: t.buttons.repairFailed, callback_data: CB.confirmRepairEnd("FAILED") },
      ],
      [{ text: t.buttons.repairCancelled, callback_data: CB.confirmRepairEnd("CANCELLED") }],
    ],
  };
}

export function commandsKeyboard(t: Messages): Keyboard {
  return {
    inline_keyboard: [
      ...rows(
        ACTIONS.map((a) => ({ text: t.actions[a], callback_data: RISKY_ACTIONS.has(a) ? CB.confirmControl(a) : CB.control(a) })),
        2,
      ),
      [{ text: t.buttons.toJobs, callback_data: CB.panel }],
    ],
  };
}

export function confirmKeyboard(yes: Button, back: Button): Keyboard {
  return { inline_keyboard: [[yes, back]] };
}

export function variantKeyboard(t: Messages, type: JobTypesQuery["jobTypes"][number], n: number): Keyboard {
  return {
    inline_keyboard: [
      ...rows(
        type.variants.map((v) => ({ text: t.variants[v] ?? v.toLowerCase(), callback_data: CB.jobVariant(type.code, v, n) })),
        2,
      ),
      [{ text: t.buttons.back, callback_data: CB.panel }],
    ],
  };
}

export function operatorsKeyboard(t: Messages, logins: string[]): Keyboard {
  return {
    inline_keyboard: [
      [{ text: t.buttons.addOperator, callback_data: CB.addOperator }],
      ...rows(
        logins.map((login) => ({ text: t.buttons.remove(login), callback_data: CB.removeOperator(login) })),
        2,
      ),
      [{ text: t.buttons.menu, callback_data: CB.menu }],
    ],
  };
}
