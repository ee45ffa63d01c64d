import type { HandoverFieldsFragment, HandoverKind, HandoverScanFieldsFragment, SessionState } from "../generated/graphql";
import { cancelKeyboard, menu } from "../keyboards";
import type { HandoverView, Messages, ScanLine, SummaryView } from "../messages";
import { button, exact, step, type FlowRoutes } from "../routes";
import { idKind, isFinishingWord, isSentence, isYesOrNo, otherIdKind, readIds } from "../text";
import { errorCode, errorFacts, type Keyboard, type Turn } from "../turn";

type Kind = HandoverKind;

/** The step a handover waits at: the cabinet (maybe with the contractor), or the contractor of a known cabinet. */
type HandoverStep = { kind: Kind; what: "cabinet" } | { kind: Kind; what: "contractor"; cabinetId: string };

/** Steps "GIVE:cabinet", "GET:cabinet", "GIVE:contractor:<cabinet>", "GET:contractor:<cabinet>". */
function stepsOf(kind: Kind) {
  return {
    cabinet: step(`${kind}:cabinet`, { answer: (turn, _, text) => handoverStep(turn, { kind, what: "cabinet" }, text) }),
    contractor: step<string>(`${kind}:contractor`, {
      write: (cabinetId) => [cabinetId],
      read: ([cabinetId]) => cabinetId ?? null,
      answer: (turn, cabinetId, text) => handoverStep(turn, { kind, what: "contractor", cabinetId }, text),
    }),
  };
}
const STEPS: Record<Kind, ReturnType<typeof stepsOf>> = { GIVE: stepsOf("GIVE"), GET: stepsOf("GET") };

/**
 * Step "h:asked": a question of an open handover waits for its buttons (close it? start another?).
 * «Да» or an id of a cabinet or contractor (the new booking typed before «Да») points to the buttons,
 * which stay; an accumulator, finishing words or anything else is the handover's again.
 */
const asked = step("h:asked", {
  read: exact,
  answer: async (turn, _, text) => {
    const { ids } = readIds(text);
    const ofTheNewBooking = (id: string) => ["cabinet", "contractor"].includes(otherIdKind(id) ?? "");
    const forTheQuestion = isYesOrNo(text) || (ids.length > 0 && ids.every(ofTheNewBooking));
    if (forTheQuestion && turn.me.handover) return turn.send(turn.t.pressAbove);
    await turn.setStep(null);
    return handoverTexts(turn, text);
  },
});

function stepString(s: HandoverStep): string {
  return s.what === "cabinet" ? STEPS[s.kind].cabinet.step() : STEPS[s.kind].contractor.step(s.cabinetId);
}

/** The handover's buttons: "m:give" and "m:get" (the menu's), "h:done". */
export const buttons = {
  give: button("m:give", { press: (turn) => startHandover(turn, "GIVE", []) }),
  get: button("m:get", { press: (turn) => startHandover(turn, "GET", []) }),
  // reads "h:done" only: data of another h:… route it does not read (h:new:XXX) must not finish a handover
  done: button<void>("h", {
    write: () => ["done"],
    read: (rest) => (rest.length === 1 && rest[0] === "done" ? undefined : null),
    press: (turn) => finish(turn),
  }),
  /** the question (/cancel's, or «Готово» with nothing scanned) answered: close it with the summary, or go on scanning */
  close: button("h:close", { press: (turn) => close(turn) }),
  goOn: button("h:scan", { press: (turn) => showHandover(turn) }),
  /**
   * the question of /give or /get in an open handover answered yes: the new booking is asked for
   * (cabinet, contractor) while the open one stays open; once the gateway has the new booking it
   * closes the open one (REPLACED), whose summary comes first. A booking that fails leaves it open.
   */
  replace: button<{ kind: Kind; args: string[] }>("h:new", {
    write: ({ kind, args }) => [kind, ...args],
    read: ([kind, ...args]) => ((kind === "GIVE" || kind === "GET") && args.length <= 2 && args.every(Boolean) ? { kind, args } : null),
    press: (turn, { kind, args }) => askBooking(turn, kind, args),
  }),
};

/** Telegram's limit on a button's data: the cabinet and contractor typed with /get ride along only when they fit. */
const MAX_CALLBACK_BYTES = 64;

export const routes: FlowRoutes = {
  buttons: Object.values(buttons),
  steps: [...Object.values(STEPS).flatMap((s) => [s.cabinet, s.contractor]), asked],
  commands: [
    { name: "give", run: (turn, args) => startHandover(turn, "GIVE", args) },
    { name: "get", run: (turn, args) => startHandover(turn, "GET", args) },
    { name: "done", run: (turn) => finish(turn) },
  ],
  // in an open handover a text is finishing words or scans (a question's answers are step "h:asked")
  texts: [{ states: ["GIVE_ACCUMULATORS", "GET_ACCUMULATORS"], text: (turn, text) => handoverTexts(turn, text) }],
};

function handoverTexts(turn: Turn, text: string): Promise<void> {
  if (!turn.me.handover) return turn.show(noHandover(turn), menu(turn.t, turn.me));
  return isFinishingWord(text) ? finish(turn) : handoverText(turn, text);
}

export function handoverKeyboard(t: Messages): Keyboard {
  return { inline_keyboard: [[buttons.done.button(t.buttons.done)]] };
}

export function handoverView(h: HandoverFieldsFragment): HandoverView {
  return {
    kind: h.kind,
    cabinetId: h.cabinetId,
    contractorId: h.contractorId,
    booked: h.booked,
    returnCells: h.returnCells,
    done: h.done,
    expected: h.expected,
  };
}

/** /give, /get and their buttons: ask for what is missing (cabinet, then contractor), then open the booking. */
export async function startHandover(turn: Turn, kind: Kind, args: string[]): Promise<void> {
  // said before anything is asked (the gateway refuses the booking to anyone else anyway)
  if (!turn.me.operator.roles.includes("ACCUMULATOR_KEEPER")) {
    return turn.show(turn.t.error("FORBIDDEN", { reason: "ROLE", roles: ["ACCUMULATOR_KEEPER"] }), menu(turn.t, turn.me));
  }
  // another handover is open: closing it (and its summary) is asked first, not done in passing
  if (turn.me.handover) return askReplace(turn, kind, args);
  await askBooking(turn, kind, args);
}

/** The cabinet and contractor of a new booking: taken from `args`, or asked for. */
async function askBooking(turn: Turn, kind: Kind, args: string[]): Promise<void> {
  if (args.length > 0) return handoverStep(turn, { kind, what: "cabinet" }, args.join(" "));
  await turn.setStep(STEPS[kind].cabinet.step());
  await turn.show(turn.t.askCabinet(kind), cancelKeyboard(turn.t));
}

/**
 * A text (or decoded QR) while the bot waits for the cabinet (and maybe the contractor with it) or
 * the contractor. What does not look like ids is asked again, and the step stays.
 */
async function handoverStep(turn: Turn, at: HandoverStep, text: string): Promise<void> {
  const { kind } = at;
  const { ids, words } = readIds(text);
  if (words.length > 0 || ids.length === 0) {
    await turn.setStep(stepString(at));
    return turn.show(turn.t.notAnId(words.length ? words : [text.trim()], at.what), cancelKeyboard(turn.t));
  }
  // a contractor's id sent for the cabinet (or the other way round, or a scooter's): said, and asked again
  const wanted: ("cabinet" | "contractor")[] = at.what === "cabinet" ? ["cabinet", "contractor"] : ["contractor"];
  const misplaced = wanted
    .map((want, i) => ({ id: ids[i], want, kind: ids[i] === undefined ? null : idKind(ids[i]) }))
    .find((x) => x.kind !== null && x.kind !== x.want);
  if (misplaced) {
    await turn.setStep(stepString(at));
    return turn.show(turn.t.wrongKindOfId(misplaced.id, misplaced.kind!, misplaced.want), cancelKeyboard(turn.t));
  }
  if (at.what === "cabinet") {
    if (ids.length > 2) {
      await turn.setStep(stepString(at));
      return turn.show(turn.t.tooManyIds, cancelKeyboard(turn.t));
    }
    if (ids.length === 1) {
      await turn.setStep(stepString({ kind, what: "contractor", cabinetId: ids[0] }));
      return turn.show(turn.t.askContractor(ids[0]), cancelKeyboard(turn.t));
    }
    return openBooking(turn, kind, ids[0], ids[1]);
  }
  if (ids.length > 1) {
    await turn.setStep(stepString(at));
    return turn.show(turn.t.tooManyIds, cancelKeyboard(turn.t));
  }
  return openBooking(turn, kind, at.cabinetId, ids[0]);
}

async function openBooking(turn: Turn, kind: Kind, cabinetId: string, contractorId: string): Promise<void> {
  let bookingInfo;
  try {
    ({ bookingInfo } = await turn.gw.BookingInfo({ cabinetId, contractorId, kind }));
  } catch (error) {
    // no such booking: the keeper stays at the cabinet step, told in their words what to send
    if (errorCode(error) !== "NOT_FOUND" || errorFacts(error).reason !== "NO_BOOKING") {
      // the new booking failed (the service does not answer): the open handover, kept, is where the keeper is
      if (turn.me.handover) await turn.setStep(null);
      throw error;
    }
    await turn.setStep(STEPS[kind].cabinet.step());
    return turn.show(turn.explain(error), cancelKeyboard(turn.t));
  }
  await turn.setStep(null);
  turn.me = { ...turn.me, state: bookingInfo.session.state, handover: bookingInfo.handover }; // the next text is a scan (see scanAheadOf)
  // the handover this one replaced: its summary first, a record of its own
  const replaced = bookingInfo.replacedHandover;
  if (replaced) await turn.send(summaryOf(turn, replaced));
  if (bookingInfo.handover.expected === 0) {
    // nothing booked to give, or no cell to return into: the service would refuse every scan, so the
    // handover (recorded, as every one is) is closed at once and the keeper told what to do instead
    await turn.gw.FinishHandover();
    await turn.refresh();
    return turn.show(`${turn.t.nothingBooked(kind, cabinetId, contractorId)}\n\n${turn.t.whatNext}`, menu(turn.t, turn.me));
  }
  await turn.show(turn.t.handover(handoverView(bookingInfo.handover)), handoverKeyboard(turn.t));
}

/** What the bot last saw of a person's session (see SessionHints). */
export interface SeenSession {
  state: SessionState;
  botStep: string | null;
}

/**
 * The scan a plain text will be, routed as handoverText routes it, when the person's last known
 * session is an open handover and the bot waits for no other answer: one id, not finishing words or a
 * sentence. The bot asks for it with the update's first call; the gateway makes it only when the
 * session is indeed so, and scan() takes its answer.
 */
export function scanAheadOf(seen: SeenSession | undefined, text: string): { kind: Kind; accumulatorId: string } | null {
  if (!seen || seen.botStep !== null) return null;
  const kind: Kind | null = seen.state === "GIVE_ACCUMULATORS" ? "GIVE" : seen.state === "GET_ACCUMULATORS" ? "GET" : null;
  if (!kind || isFinishingWord(text)) return null;
  const read = readIds(text);
  if (read.ids.length !== 1 || isSentence(read)) return null;
  return { kind, accumulatorId: read.ids[0] };
}

/** A text in an open handover: finishing words finish; ids are scans; anything else gets a hint. */
async function handoverText(turn: Turn, text: string): Promise<void> {
  const read = readIds(text);
  const { ids, words } = read;
  if (ids.length === 0 || isSentence(read)) return turn.show(turn.t.scanHint, handoverKeyboard(turn.t));
  return scan(turn, ids, words);
}

/** Every id of one message recorded in the open handover, then one short answer with the progress. */
export async function scan(turn: Turn, ids: string[], ignored: string[] = []): Promise<void> {
  const kind: Kind = turn.me.state === "GIVE_ACCUMULATORS" ? "GIVE" : "GET";
  const lines: ScanLine[] = [];
  let after: HandoverFieldsFragment | null | undefined;
  for (const [i, accumulatorId] of ids.entries()) {
    try {
      // the last id brings the handover as it stands after every scan of the message
      const vars = { accumulatorId, withHandover: i === ids.length - 1 };
      const result =
        (ids.length === 1 ? turn.takeScanAhead(kind, accumulatorId) : null) ?? // made with the update's first call (its error thrown here)
        (kind === "GIVE" ? (await turn.gw.AccumulatorTaken(vars)).accumulatorTaken : (await turn.gw.AccumulatorReturned(vars)).accumulatorReturned);
      after = result.handover;
      lines.push({ ...result.scan, upstreamCode: result.scan.upstreamCode ?? null, duplicate: result.duplicate });
    } catch (error) {
      // one id the gateway refuses (not an id at all) does not lose the others
      if (errorCode(error) !== "BAD_USER_INPUT") throw error;
      lines.push({ accumulatorId, delivery: "REJECTED", expected: false, duplicate: false, upstreamCode: null, errorCode: "BAD_USER_INPUT" });
    }
  }
  // the gateway says where the handover stands: which booked ones are done, which remain (asked
  // again only when the last id was refused)
  const handover = after ?? (await turn.refresh()).handover;
  if (after) turn.me = { ...turn.me, handover: after };
  if (!handover) return turn.show(noHandover(turn), menu(turn.t, turn.me));
  await turn.show(turn.t.scanReport(lines, handoverView(handover), ignored), handoverKeyboard(turn.t));
}

/**
 * Closing asked first, with what has been scanned so far: /cancel in an open handover, and
 * «Готово» before anything was given or taken (a tap by mistake would end the booking's handover).
 */
export async function askClose(turn: Turn, nothingYet = false): Promise<void> {
  const h = turn.me.handover;
  if (!h) return turn.show(noHandover(turn), menu(turn.t, turn.me));
  const view = handoverView(h);
  await turn.setStep(asked.step());
  await turn.show(nothingYet ? turn.t.askCloseEmptyHandover(view) : turn.t.askCloseHandover(view), {
    inline_keyboard: [[buttons.close.button(turn.t.buttons.yesCloseHandover(h.kind))], [buttons.goOn.button(turn.t.buttons.goOnScanning)]],
  });
}

/** /give or /get while a handover is open: close it first (its summary comes), or go on scanning in it. */
async function askReplace(turn: Turn, kind: Kind, args: string[]): Promise<void> {
  const h = turn.me.handover!;
  const fits = (data: string) => Buffer.byteLength(data) <= MAX_CALLBACK_BYTES && args.length <= 2 && args.every((a) => !a.includes(":"));
  const withArgs = buttons.replace.data({ kind, args });
  const yes = fits(withArgs) ? withArgs : buttons.replace.data({ kind, args: [] });
  await turn.setStep(asked.step());
  await turn.show(turn.t.askReplaceHandover(handoverView(h), kind), {
    inline_keyboard: [[{ text: turn.t.buttons.closeAndStart(h.kind, kind), callback_data: yes }], [buttons.goOn.button(turn.t.buttons.goOnScanning)]],
  });
}

/** The open handover as it stands, with its buttons (back from /cancel's question). */
async function showHandover(turn: Turn): Promise<void> {
  const h = turn.me.handover;
  if (!h) return turn.show(noHandover(turn), menu(turn.t, turn.me));
  await turn.setStep(null);
  await turn.show(turn.t.handover(handoverView(h)), handoverKeyboard(turn.t));
}

/** /done, "готово" or the button: closes the handover, asked first when nothing of what it expects is done yet. */
export async function finish(turn: Turn): Promise<void> {
  const h = turn.me.handover;
  if (!h) return turn.show(noHandover(turn), menu(turn.t, turn.me));
  if (h.done === 0 && h.expected > 0) return askClose(turn, true);
  await close(turn);
}

/** Closes the handover with its summary, and offers what is next. */
async function close(turn: Turn): Promise<void> {
  if (!turn.me.handover) return turn.show(noHandover(turn), menu(turn.t, turn.me));
  await turn.setStep(null); // a step of a booking asked for (/get, «Да») ends with the handover: the next text is not its cabinet
  const { finishHandover: h } = await turn.gw.FinishHandover();
  await turn.refresh();
  // the summary is a message of its own (a record in the chat), not an edit of the last scan's answer
  await turn.send(`${summaryOf(turn, h)}\n\n${turn.t.whatNext}`, menu(turn.t, turn.me));
}

/** A closed handover's summary: every list from the one list of scans, so an id is in exactly one of them. */
function summaryOf(turn: Turn, h: HandoverFieldsFragment & { scans: readonly HandoverScanFieldsFragment[] }): string {
  const counted = h.scans.filter((s) => s.delivery !== "REJECTED");
  const countedIds = new Set(counted.map((s) => s.accumulatorId));
  return turn.t.summary({
    kind: h.kind,
    cabinetId: h.cabinetId,
    contractorId: h.contractorId,
    done: counted.filter((s) => s.expected).map((s) => s.accumulatorId),
    outside: counted.filter((s) => !s.expected).map((s) => s.accumulatorId),
    missing: h.kind === "GIVE" ? h.booked.filter((b) => !countedIds.has(b.accumulatorId)).map((b) => b.accumulatorId) : [],
    rejected: refusedOnce(h.scans),
    pending: h.scans.filter((s) => s.delivery === "PENDING").map((s) => s.accumulatorId),
    returnCells: h.returnCells,
    cellsLeft: h.kind === "GET" ? Math.max(0, h.expected - counted.length) : 0,
    cells: h.kind === "GET" ? h.expected : 0,
  });
}

/**
 * The refused scans for the summary: each accumulator once, with the latest refusal and how often it
 * was refused; none the service took in the end (a mistyped `ACC-9002` before the `acc-9002` it took).
 */
function refusedOnce(
  scans: readonly { accumulatorId: string; delivery: string; upstreamCode?: string | null; message?: string | null }[],
): SummaryView["rejected"] {
  const same = (id: string) => id.toLowerCase();
  const taken = new Set(scans.filter((s) => s.delivery !== "REJECTED").map((s) => same(s.accumulatorId)));
  const refused = new Map<string, SummaryView["rejected"][number]>();
  for (const s of scans) {
    if (s.delivery !== "REJECTED" || taken.has(same(s.accumulatorId))) continue;
    const earlier = refused.get(same(s.accumulatorId));
    refused.set(same(s.accumulatorId), {
      id: s.accumulatorId,
      upstreamCode: s.upstreamCode ?? null,
      times: (earlier?.times ?? 0) + 1,
    });
  }
  return [...refused.values()];
}

/** There is no handover: how to start one, for a keeper; what else there is, for anyone else. */
function noHandover(turn: Turn): string {
  return turn.me.operator.roles.includes("ACCUMULATOR_KEEPER") ? turn.t.noHandover : turn.t.noHandoverForYou;
}
