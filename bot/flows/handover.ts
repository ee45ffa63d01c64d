import { cancelKeyboard, handoverKeyboard } from "../keyboards";
import type { ScanLine } from "../messages";
import { errorCode, type Turn } from "../turn";

type Kind = "GIVE" | "GET";

/** /give, /get and their buttons: ask for what is missing (cabinet, then contractor), then open the booking. */
export async function startHandover(turn: Turn, kind: Kind, args: string[]): Promise<void> {
  if (args.length >= 2) return openBooking(turn, kind, args[0], args[1]);
  if (args.length === 1) {
    await turn.setStep(`${kind}:contractor:${args[0]}`);
    return turn.reply(turn.t.askContractor(args[0]), cancelKeyboard(turn.t));
  }
  await turn.setStep(`${kind}:cabinet`);
  await turn.reply(turn.t.askCabinet(kind), cancelKeyboard(turn.t));
}

/** A text (or decoded QR) while the bot waits for the cabinet or the contractor. */
export async function handoverStep(turn: Turn, step: string, ids: string[]): Promise<void> {
  const [kind, what, cabinetId] = step.split(":") as [Kind, string, string | undefined];
  if (what === "cabinet") return startHandover(turn, kind, ids);
  return openBooking(turn, kind, cabinetId!, ids[0]);
}

async function openBooking(turn: Turn, kind: Kind, cabinetId: string, contractorId: string): Promise<void> {
  const { bookingInfo } = await turn.gw.BookingInfo({ cabinetId, contractorId, kind });
  await turn.setStep(null);
  const lines = [];
  if (bookingInfo.replacedHandover) lines.push(turn.t.replaced(bookingInfo.replacedHandover.cabinetId, bookingInfo.replacedHandover.contractorId));
  lines.push(turn.t.booking(kind, bookingInfo.cabinetId, bookingInfo.contractorId, bookingInfo.accumulators, bookingInfo.cellsForReturn));
  await turn.reply(lines.join("\n\n"), handoverKeyboard(turn.t));
}

/** Every id of one message recorded in the open handover, then one short answer. */
export async function scan(turn: Turn, ids: string[]): Promise<void> {
  if (ids.length === 0) return turn.reply(turn.t.noIds, handoverKeyboard(turn.t));
  const kind: Kind = turn.me.state === "GIVE_ACCUMULATORS" ? "GIVE" : "GET";
  const lines: ScanLine[] = [];
  let progress = { done: 0, expected: 0 };
  for (const accumulatorId of ids) {
    try {
      const result =
        kind === "GIVE"
          ? (await turn.gw.AccumulatorTaken({ accumulatorId })).accumulatorTaken
          : (await turn.gw.AccumulatorReturned({ accumulatorId })).accumulatorReturned;
      lines.push({ ...result.scan, duplicate: result.duplicate });
      progress = { done: result.done, expected: result.expected };
    } catch (error) {
      // one bad id does not lose the others: say why, and go on
      if (errorCode(error) === "GATEWAY_DOWN" || errorCode(error) === "INVALID_STATE") throw error;
      lines.push({ accumulatorId, delivery: "REJECTED", expected: false, duplicate: false, message: turn.explain(error).replace(/\n/g, " ") });
    }
  }
  if (progress.expected === 0) {
    // no scan of this message was recorded: the gateway still says where the handover stands
    const handover = (await turn.refresh()).handover;
    if (handover) progress = { done: handover.done, expected: handover.expected };
  }
  await turn.reply(turn.t.scanReport(lines, progress.done, progress.expected, kind), handoverKeyboard(turn.t));
}

/** /done: closes the handover with its summary. */
export async function finish(turn: Turn): Promise<void> {
  if (!turn.me.handover) return turn.reply(turn.t.noHandover);
  const { finishHandover: h } = await turn.gw.FinishHandover();
  const counted = h.scans.filter((s) => s.delivery !== "REJECTED");
  const done = counted.map((s) => s.accumulatorId);
  const missing = h.kind === "GIVE" ? h.booked.filter((b) => !b.done).map((b) => b.accumulatorId) : [];
  const rejected = h.scans.filter((s) => s.delivery === "REJECTED").map((s) => ({ id: s.accumulatorId, why: s.message }));
  const pending = h.scans.filter((s) => s.delivery === "PENDING").map((s) => s.accumulatorId);
  await turn.reply(turn.t.summary(h.kind, h.cabinetId, h.contractorId, done, missing, rejected, pending));
}

