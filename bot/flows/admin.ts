import { cancelKeyboard, rows } from "../keyboards";
import type { Messages } from "../messages";
import { button, exact, step, type FlowRoutes } from "../routes";
import { parseOperatorLine } from "../text";
import type { Keyboard, Turn } from "../turn";
import { buttons as start } from "./start";

/** The admin's buttons: "m:ops" (the menu's), "ops:add", "ops:rm:<login>" (asks), "ops:rmy:<login>" (closes the access). */
export const buttons = {
  operators: button("m:ops", { press: (turn) => listOperators(turn) }),
  add: button("ops:add", { press: (turn) => askOperator(turn) }),
  remove: button<string>("ops:rm", { write: (login) => [login], read: ([login]) => login || null, press: (turn, login) => askRemove(turn, login) }),
  removeConfirmed: button<string>("ops:rmy", {
    write: (login) => [login],
    read: ([login]) => login || null,
    press: (turn, login) => removeOperator(turn, login),
  }),
};

/** Step "admin:add": the next text is an operator line. */
const adding = step("admin:add", { read: exact, answer: (turn, _, text) => addOperator(turn, text) });

export const routes: FlowRoutes = { buttons: Object.values(buttons), steps: [adding] };

/** Admins allow, change and remove operators from the bot. */
async function listOperators(turn: Turn, note: string | null = null): Promise<void> {
  const { operators } = await turn.gw.Operators();
  await turn.show(
    [note, turn.t.operatorsList(operators)].filter(Boolean).join("\n\n"),
    operatorsKeyboard(
      turn.t,
      operators.filter((o) => o.active && o.login !== turn.me.operator.login).map((o) => o.login),
    ),
  );
}

async function askOperator(turn: Turn): Promise<void> {
  await turn.setStep(adding.step());
  await turn.show(turn.t.askOperator, cancelKeyboard(turn.t));
}

async function addOperator(turn: Turn, text: string): Promise<void> {
  const parsed = parseOperatorLine(text);
  if (!parsed) return turn.show(turn.t.badOperatorLine, cancelKeyboard(turn.t));
  const { upsertOperator } = await turn.gw.UpsertOperator({ input: { login: parsed.login, roles: parsed.roles, placeId: parsed.placeId } });
  await turn.setStep(null);
  await listOperators(turn, turn.t.operatorSaved(upsertOperator.login));
}

/** Closing someone's access is asked again first: one tap in a list of names is easily the wrong one. */
async function askRemove(turn: Turn, login: string): Promise<void> {
  await turn.show(turn.t.confirmRemoveOperator(login), {
    inline_keyboard: [[buttons.removeConfirmed.button(turn.t.buttons.yesRemove, login)], [buttons.operators.button(turn.t.buttons.no)]],
  });
}

async function removeOperator(turn: Turn, login: string): Promise<void> {
  const { deactivateOperator } = await turn.gw.DeactivateOperator({ login });
  await listOperators(turn, turn.t.operatorRemoved(deactivateOperator.login));
}

function operatorsKeyboard(t: Messages, logins: string[]): Keyboard {
  return {
    inline_keyboard: [
      [buttons.add.button(t.buttons.addOperator)],
      ...rows(
        logins.map((login) => buttons.remove.button(t.buttons.remove(login), login)),
        2,
      ),
      [start.menu.button(t.buttons.menu)],
    ],
  };
}
