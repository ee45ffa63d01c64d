import { decodeQr } from "./qr";
import { dispatch, match, type FlowRoutes } from "./routes";
import { idKind, isCancelWord, isFinishingWord, isYesOrNo, otherIdKind, parseCommand, readIds } from "./text";
import type { Turn } from "./turn";
import * as admin from "./flows/admin";
import * as handover from "./flows/handover";
import * as repair from "./flows/repair";
import * as scooter from "./flows/scooter";
import * as start from "./flows/start";
import { whereNow } from "./flows/start";
import * as stats from "./flows/stats";

/** Every flow's routes; the router only dispatches to them. */
const FLOWS: FlowRoutes[] = [start.routes, handover.routes, repair.routes, scooter.routes, admin.routes, stats.routes];
const BUTTONS = FLOWS.flatMap((f) => f.buttons ?? []);
const STEPS = FLOWS.flatMap((f) => f.steps ?? []);
const COMMANDS = new Map(FLOWS.flatMap((f) => f.commands ?? []).map((c) => [c.name, c]));
const TEXTS = FLOWS.flatMap((f) => f.texts ?? []);

/** What the router dispatches over (tests read it). */
export const ROUTES = { buttons: BUTTONS, steps: STEPS, commands: COMMANDS, texts: TEXTS } as const;

/** Whether a pressed button works on any message (see ButtonRoute.anytime), not only on the live one. */
export function worksAnytime(data: string | undefined): boolean {
  return (data !== undefined && match(BUTTONS, data)?.route.anytime) || false;
}

/**
 * Sends one update to its flow: a button (by its callback_data's prefix), a command (by name), or
 * a text, typed or read from a photo's QR codes (to the step the bot waits for, by its prefix, or
 * else by the session's state). What no flow takes is "not understood", with the way on.
 */
export async function route(turn: Turn): Promise<void> {
  const callback = turn.ctx.callbackQuery;
  if (callback?.data) return dispatch(BUTTONS, turn, callback.data) ?? whereNow(turn, turn.t.unknownText);

  const message = turn.ctx.message;
  if (!message) return;
  let text = message.text ?? message.caption ?? "";
  const command = message.text ? parseCommand(message.text) : null;
  if (command) return COMMANDS.get(command.name)?.run(turn, command.args) ?? whereNow(turn, turn.t.unknownText);

  const photo = message.photo?.at(-1)?.file_id ?? (message.document?.mime_type?.startsWith("image/") ? message.document.file_id : undefined);
  if (photo) {
    const decoded = await decodeQr(await turn.deps.download(photo));
    if (!decoded) return whereNow(turn, turn.t.noQr);
    text = decoded;
  }
  // «отмена» typed (not read from a QR code) is the way out, as /cancel, wherever the person is
  if (!photo && isCancelWord(text)) return COMMANDS.get("cancel")!.run(turn, []);
  const step = turn.me.botStep;
  const answered = step ? dispatch(STEPS, turn, step, text) : null;
  if (answered) return answered;
  const byState = TEXTS.find((r) => r.states.includes(turn.me.state));
  if (byState) return byState.text(turn, text);
  return unasked(turn, text);
}

/**
 * A text no step or state asked for. A scooter's id (typed, or its QR) is its card, as /scooter;
 * «да» or «нет» points to the buttons of the message above, which stay live (no new buttons here,
 * which would take them away); anything else is "not understood", with the way on.
 */
function unasked(turn: Turn, text: string): Promise<void> {
  const { ids, words } = readIds(text);
  if (words.length === 0 && ids.length === 1 && otherIdKind(ids[0]) === "vehicle") return scooter.showCard(turn, ids[0]);
  // «готово» with nothing open says so, as /done does
  if (isFinishingWord(text) && !turn.me.repair) return handover.finish(turn);
  // an accumulator with no handover open: where it could be recorded
  if (words.length === 0 && ids.length === 1 && idKind(ids[0]) === "accumulator") {
    const keeper = turn.me.operator.roles.includes("ACCUMULATOR_KEEPER");
    return whereNow(turn, turn.t.accumulatorWithoutHandover(ids[0], keeper));
  }
  if (isYesOrNo(text) && turn.me.botKeyboardMessageId) return turn.send(turn.t.pressLatest);
  return whereNow(turn, turn.t.unknownText);
}
