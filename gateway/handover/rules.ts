/**
 * The handover's rules, pure: what a handover is done at, which scans count, whether a scan was
 * expected, what a pending scan says, and how long the outbox waits before sending a scan again.
 * The service and the outbox apply them; the SQL of the scan path counts the same way.
 */
import { DeliveryStatus, HandoverKind, type Handover } from "./handover.entity";

/** What the rules need to know of a handover and its scans. */
export interface HandoverFacts {
  kind: HandoverKind;
  booked: readonly string[];
  cellsForReturn: number;
}

export interface ScanFacts {
  accumulatorId: string;
  delivery: DeliveryStatus;
}

/** What the rules need of a handover entity. */
export function facts(handover: Handover): HandoverFacts {
  return { kind: handover.kind, booked: handover.bookedAccumulators.map((a) => a.accumulatorId), cellsForReturn: handover.cellsForReturn };
}

/** A scan counts toward the handover unless scooter-accumulator refused it. */
const counts = (scan: ScanFacts) => scan.delivery !== DeliveryStatus.REJECTED;

/**
 * Is a new scan within the booking? GIVE: the accumulator is one of the booked ones. GET: the
 * booking names cells, not accumulators, so a return is expected while a booked cell is still free
 * (`countedEarlier`: the handover's scans so far that count, that is, not REJECTED).
 */
export function isExpectedScan(handover: HandoverFacts, countedEarlier: number, accumulatorId: string): boolean {
  if (handover.kind === HandoverKind.GIVE) return handover.booked.includes(accumulatorId);
  return countedEarlier < handover.cellsForReturn;
}

/** A scan that is not refused moves the progress: GIVE, when it is one of the booked accumulators; GET, always. */
export function countsToward(handover: HandoverFacts, accumulatorId: string): boolean {
  return handover.kind === HandoverKind.GET || handover.booked.includes(accumulatorId);
}

/**
 * What a scan says while scooter-accumulator does not have it: right after it is recorded (no
 * reason yet), or after an attempt that could not reach it (`reason`). For developers and logs;
 * people read the bot's own words, chosen by the delivery status.
 */
export function pendingMessage(reason?: string): string {
  return reason
    ? `scooter-accumulator has not received it yet (${reason}); the gateway will send it by itself.`
    : "Recorded; scooter-accumulator has not received it yet: it waits behind earlier scans, and the gateway will send it by itself.";
}

/** How many of these scans count toward the handover (the SQL of the scan path counts the same way). */
export function countingScans(scans: readonly ScanFacts[]): number {
  return scans.filter(counts).length;
}

/** What a handover is done at: GIVE, every booked accumulator; GET, every cell booked for return. */
export function expectedOf(handover: HandoverFacts): number {
  return handover.kind === HandoverKind.GIVE ? handover.booked.length : handover.cellsForReturn;
}

/** GIVE: booked accumulators recorded as taken, of all booked; GET: accumulators returned, of the cells booked. */
export function handoverProgress(handover: HandoverFacts, scans: readonly ScanFacts[]): { done: number; expected: number } {
  const recorded = scans.filter(counts);
  if (handover.kind === HandoverKind.GIVE) {
    const taken = new Set(recorded.map((s) => s.accumulatorId));
    return { done: handover.booked.filter((id) => taken.has(id)).length, expected: expectedOf(handover) };
  }
  return { done: recorded.length, expected: expectedOf(handover) };
}

/** The booked accumulators with a scan that counts. */
export function doneAccumulators(scans: readonly ScanFacts[]): Set<string> {
  return new Set(scans.filter(counts).map((s) => s.accumulatorId));
}

/** Pause before the n-th retry of a pending scan: doubling from `base`, at most `max`. */
export function retryDelayMs(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
}
