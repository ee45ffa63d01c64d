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
  operators: "m:ops",
  addOperator: "ops:add",
  removeOperator: (login: string) => `ops:rm:${login}`,
  done: "h:done",
  cancel: "cancel",
  job: (code: string) => `j:${code}`,
  jobVariant: (code: string, variant: string) => `jv:${code}:${variant}`,
  jobEnd: (status: string) => `je:${status}`,
  control: (action: string) => `c:${action}`,
  repairEnd: (status: string) => `re:${status}`,
  stats: (scope: "mine" | "all") => `st:${scope}`,
} as const;

export function menu(t: Messages, roles: readonly string[]): Keyboard {
  const buttons: Button[] = [];
  if (roles.includes("ACCUMULATOR_KEEPER")) buttons.push({ text: t.buttons.give, callback_data: CB.give }, { text: t.buttons.get, callback_data: CB.get });
  if (roles.includes("REPAIRER")) buttons.push({ text: t.buttons.repair, callback_data: CB.repair });
  buttons.push({ text: t.buttons.scooter, callback_data: CB.scooter });
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

const ACTIONS = ["OPEN_DECK", "BLINK_LIGHT", "SELF_TEST", "OPEN_LOCK", "BLOCK_WHEEL", "UNBLOCK_WHEEL"];

/** The repair panel: the running job's end buttons or the job types, the commands, and the end of the repair. */
export function repairPanel(t: Messages, repair: NonNullable<MeQuery["me"]["repair"]>, jobTypes: JobTypesQuery["jobTypes"]): Keyboard {
  const running = repair.jobs.find((j) => j.status === "PERFORMING");
  const jobRows = running
    ? [
        [
          { text: t.buttons.jobDone, callback_data: CB.jobEnd("COMPLETED") },
          { text: t.buttons.jobFailed, callback_data: CB.jobEnd("FAILED") },
        ],
        [{ text: t.buttons.jobCancelled, callback_data: CB.jobEnd("CANCELLED") }],
      ]
    : rows(
        jobTypes.filter((j) => j.active).map((j) => ({ text: j.title, callback_data: CB.job(j.code) })),
        2,
      );
  const controls = rows(
    ACTIONS.map((a) => ({ text: t.actions[a], callback_data: CB.control(a) })),
    2,
  );
  return {
    inline_keyboard: [
      ...jobRows,
      ...controls,
      [
        { text: t.buttons.repairDone, callback_data: CB.repairEnd("COMPLETED") },
        { text: t.buttons.repairCancelled, callback_data: CB.repairEnd("CANCELLED") },
      ],
    ],
  };
}

export function variantKeyboard(t: Messages, type: JobTypesQuery["jobTypes"][number]): Keyboard {
  return {
    inline_keyboard: [
      ...rows(
        type.variants.map((v) => ({ text: t.variants[v] ?? v, callback_data: CB.jobVariant(type.code, v) })),
        2,
      ),
      [{ text: t.buttons.back, callback_data: CB.repair }],
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
    ],
  };
}
