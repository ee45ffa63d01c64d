import { cancelKeyboard, operatorsKeyboard } from "../keyboards";
import { parseOperatorLine } from "../text";
import type { Turn } from "../turn";

/** Admins allow, change and remove operators from the bot. */
export async function listOperators(turn: Turn, note: string | null = null): Promise<void> {
  const { operators } = await turn.gw.Operators();
  await turn.show(
    [note, turn.t.operatorsList(operators)].filter(Boolean).join("\n\n"),
    operatorsKeyboard(
      turn.t,
      operators.filter((o) => o.active && o.login !== turn.me.operator.login).map((o) => o.login),
    ),
  );
}

export async function askOperator(turn: Turn): Promise<void> {
  await turn.setStep("admin:add");
  await turn.show(turn.t.askOperator, cancelKeyboard(turn.t));
}

export async function addOperator(turn: Turn, text: string): Promise<void> {
  const parsed = parseOperatorLine(text);
  if (!parsed) return turn.show(turn.t.badOperatorLine, cancelKeyboard(turn.t));
  const { upsertOperator } = await turn.gw.UpsertOperator({ input: { login: parsed.login, roles: parsed.roles as never, placeId: parsed.placeId } });
  await turn.setStep(null);
  await listOperators(turn, turn.t.operatorSaved(upsertOperator.login));
}

export async function removeOperator(turn: Turn, login: string): Promise<void> {
  const { deactivateOperator } = await turn.gw.DeactivateOperator({ login });
  await listOperators(turn, turn.t.operatorRemoved(deactivateOperator.login));
}
