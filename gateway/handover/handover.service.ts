import type { EntityManager } from "@mikro-orm/postgresql";
import { InvalidStateError, NotFoundError, UpstreamRejectedError } from "../errors";
import { requireId } from "../input";
import { Operator } from "../operators/operator.entity";
import { Session, SessionState } from "../operators/session.entity";
import { lockSession } from "../operators/session.service";
import { DeliveryStatus, Handover, HandoverEnd, HandoverKind, HandoverScan, type BookedSnapshot } from "./handover.entity";
import { Database } from "../db/sql";
import type { ScanOutbox, ScanRow } from "./outbox";
import { FOLDED_ID_SQL, foldId, latinOf, matchKnownId } from "./match";
import type { BookingInfoResponse } from "../upstreams/scooter-accumulator";
import { countsToward, expectedOf, facts, isExpectedScan, pendingMessage } from "./rules";
import type { RequestScope } from "../scope";

export interface OpenedHandover {
  handover: Handover;
  session: Session;
  /** the handover that was open before and was closed to open this one */
  replaced: Handover | null;
}

export interface RecordedScan {
  scan: HandoverScan;
  handover: Handover;
  duplicate: boolean;
  done: number;
  expected: number;
}

export interface HandoverFilter {
  cabinetId?: string | null;
  contractorId?: string | null;
  first: number;
}

/** The session's state while a handover of each kind is open. */
export const STATE_OF: Record<HandoverKind, SessionState> = {
  [HandoverKind.GIVE]: SessionState.GIVE_ACCUMULATORS,
  [HandoverKind.GET]: SessionState.GET_ACCUMULATORS,
};

/**
 * The battery handover at a cabinet that does not answer: open it from scooter-accumulator's booking, record each
 * scanned accumulator before sending it upstream, close it. The operator's session row is locked
 * for every step, so one keeper's steps never interleave.
 */
export class HandoverService {
  constructor(
    private readonly scope: RequestScope,
    private readonly outbox: ScanOutbox,
  ) {
    this.db = new Database(scope.em);
  }

  private readonly db: Database;

  async open(operator: Operator, rawCabinetId: string, rawContractorId: string, kind: HandoverKind): Promise<OpenedHandover> {
    const typedCabinet = requireId(rawCabinetId, "cabinetId", "cabinet id");
    const typedContractor = requireId(rawContractorId, "contractorId", "contractor id");
    // as typed made Latin, then in the fleet's lower-case form (`CAB-2 CTR-2` is cab-2 / ctr-2): the spelling the service has a booking for
    const latin: [string, string] = [latinOf(typedCabinet), latinOf(typedContractor)];
    const folded: [string, string] = [foldId(typedCabinet), foldId(typedContractor)];
    const tries = folded[0] === latin[0] && folded[1] === latin[1] ? [latin] : [latin, folded];
    let found: { cabinetId: string; contractorId: string; booking: BookingInfoResponse } | null = null;
    let noBooking: UpstreamRejectedError | null = null;
    for (const [cabinet, contractor] of tries) {
      try {
        const booking = await this.scope.upstreams.scooterAccumulator.bookingInfo({ cabinet_id: cabinet, contractor_id: contractor }, this.scope.call);
        found = { cabinetId: cabinet, contractorId: contractor, booking };
        break;
      } catch (error) {
        if (!(error instanceof UpstreamRejectedError && error.upstream.status === 404)) throw error;
        noBooking ??= error;
      }
    }
    if (!found) {
      throw new NotFoundError(`Contractor ${typedContractor} has no booking at cabinet ${typedCabinet} (${noBooking!.upstream.message}). Check both ids.`).with(
        {
          reason: "NO_BOOKING",
          cabinetId: typedCabinet,
          contractorId: typedContractor,
          upstream: noBooking!.upstream,
        },
      );
    }
    const { cabinetId, contractorId, booking } = found;

    return this.scope.em.transactional(async (em) => {
      const session = await lockSession(em, operator.login);
      if (session.state === SessionState.REPAIR) {
        throw new InvalidStateError("A repair is in progress: end it before handing accumulators over.").with({ reason: "REPAIR_IN_PROGRESS" });
      }
      const replaced = session.handover;
      if (replaced) {
        close(replaced, HandoverEnd.REPLACED);
        await em.flush(); // the open one must be closed before another may open
      }
      const handover = em.create(Handover, {
        kind,
        cabinetId,
        contractorId,
        operator: em.getReference(Operator, operator.login),
        bookedAccumulators: booking.accumulators.map((a) => ({
          accumulatorId: a.accumulator_id,
          cellId: a.cell_id ?? null,
          chargePercent: a.charge_percent ?? null,
        })),
        cellsForReturn: booking.cells_for_return.length,
        returnCells: booking.cells_for_return.map((c) => c.cell_id),
      });
      Object.assign(session, { state: STATE_OF[kind], handover, cabinetId, contractorId });
      await em.flush();
      return { handover, session, replaced };
    });
  }

  /**
   * Records one scanned accumulator in the open handover of `kind`, then tries to deliver it. Plain
   * statements, a fixed number whatever the length of the handover: one transaction locks the
   * session and reads the handover, its progress and the earlier scans of the same accumulator
   * (through an index on their folded id), and inserts the scan; then the outbox sends it and gives
   * it back settled. Progress is the count read under the lock, moved by what this call settled.
   */
  async scan(operator: Operator, kind: HandoverKind, rawAccumulatorId: string): Promise<RecordedScan> {
    const typed = requireId(rawAccumulatorId, "accumulatorId", "accumulator id");
    const recorded = await this.db.transaction(async (sql) => {
      // the lock first, on its own: a statement that waited for it would still read as of before the wait
      const [session] = await sql<{ handover_id: string | null }>(`select "handover_id" from "operator_session" where "login" = ? for update`, [
        operator.login,
      ]);
      const [locked] = session?.handover_id ? await sql<OpenHandover>(OPEN_HANDOVER_SQL, [foldId(typed), session.handover_id]) : [];
      if (!locked) {
        throw new InvalidStateError("No handover is open: name the cabinet and the contractor first (bookingInfo).").with({ reason: "NO_HANDOVER" });
      }
      const { scooter_ops_done: done, scooter_ops_known: known, ...row } = locked;
      const handover = handoverOf(row, this.scope.em);
      if (handover.kind !== kind) {
        const open = handover.kind === HandoverKind.GIVE ? "handing out (GIVE)" : "taking back (GET)";
        throw new InvalidStateError(`The open handover is ${open}; finish it before scanning for the other direction.`).with({
          reason: "OTHER_KIND",
          openKind: handover.kind,
        });
      }
      const rules = facts(handover);
      // Acc-1001 or асс-1001 typed for the booked acc-1001: recorded (and sent) as booked. A refused
      // scan is no spelling to match: after `ACC-9002` was refused, the `acc-9002` typed next is sent as typed.
      const standing = known.filter((s) => s.delivery !== DeliveryStatus.REJECTED).map((s) => s.accumulatorId);
      const accumulatorId = matchKnownId(typed, [...rules.booked, ...standing]);
      // a scan scooter-accumulator refused is sent again when rescanned (say, after the booking was fixed)
      const existing = known.find((s) => s.accumulatorId === accumulatorId && s.delivery !== DeliveryStatus.REJECTED);
      if (existing) {
        const [scan] = await sql<ScanRow>(`select * from "handover_scan" where "id" = ?`, [existing.id]);
        return { scan, handover, rules, done, duplicate: true };
      }
      // GET counts every scan that is not refused, so `done` is also the number counted so far.
      // At the head of the handover's queue (no earlier scan pending: the session lock keeps this
      // keeper's scans apart) the scan is inserted claimed for its first delivery attempt, leased as
      // the outbox's claim would lease it; behind a pending one it waits its turn, unclaimed.
      const [scan] = await sql<ScanRow>(
        `with head as (select not exists (select 1 from "handover_scan" p where p."handover_id" = ? and p."delivery" = 'PENDING') as free)
         insert into "handover_scan" ("handover_id", "accumulator_id", "expected", "request_id", "message", "attempts", "next_attempt_at")
         values (?, ?, ?, ?, ?, case when (select free from head) then 1 else 0 end,
                 case when (select free from head) then now() + ? * interval '1 millisecond' else ? end)
         returning *`,
        [
          handover.id,
          handover.id,
          accumulatorId,
          isExpectedScan(rules, done, accumulatorId),
          this.scope.call.requestId,
          pendingMessage(),
          this.outbox.leaseMs,
          this.outbox.firstAttemptDeadline(),
        ],
      );
      return { scan, handover, rules, done, duplicate: false }; // in the journal before anything goes upstream
    });

    let { scan, done } = recorded;
    if (!recorded.duplicate) {
      const { handover } = recorded;
      const attempted = await this.outbox.deliver(handover.id, scan.id, this.outbox.claimedAtInsert(scan, handover));
      for (const settled of attempted) {
        if (settled.id === scan.id) scan = settled;
        // an earlier pending scan refused now no longer counts
        else if (settled.delivery === DeliveryStatus.REJECTED && countsToward(recorded.rules, settled.accumulator_id)) done -= 1;
      }
      if (scan.delivery !== DeliveryStatus.REJECTED && countsToward(recorded.rules, scan.accumulator_id)) done += 1;
    }
    return { scan: scanOf(scan), handover: recorded.handover, duplicate: recorded.duplicate, done, expected: expectedOf(recorded.rules) };
  }

  async finish(operator: Operator): Promise<Handover> {
    return this.scope.em.transactional(async (em) => {
      const session = await lockSession(em, operator.login);
      const handover = session.handover;
      if (!handover) throw new InvalidStateError("No handover is open, so there is nothing to finish.").with({ reason: "NO_HANDOVER" });
      close(handover, HandoverEnd.FINISHED);
      Object.assign(session, { state: SessionState.NONE, handover: null, cabinetId: null, contractorId: null });
      await em.flush();
      return handover;
    });
  }

  list(filter: HandoverFilter): Promise<Handover[]> {
    const where: Record<string, string> = {};
    if (filter.cabinetId != null) where.cabinetId = requireId(filter.cabinetId, "cabinetId", "cabinet id");
    if (filter.contractorId != null) where.contractorId = requireId(filter.contractorId, "contractorId", "contractor id");
    return this.scope.em.find(Handover, where, { orderBy: { startedAt: "desc", id: "desc" }, limit: filter.first });
  }
}

function close(handover: Handover, how: HandoverEnd): void {
  handover.finishedAt = new Date();
  handover.endedBy = how;
}

/**
 * A scan's answer from its row, as a plain object: it is only read (the ORM's mapping of a row into
 * its identity map costs a tenth of a scan).
 */
function scanOf(row: ScanRow): HandoverScan {
  return Object.assign(Object.create(HandoverScan.prototype) as HandoverScan, {
    id: row.id,
    accumulatorId: row.accumulator_id,
    at: timeOf(row.at)!,
    delivery: row.delivery,
    expected: row.expected as boolean,
    message: row.message as string | null,
    upstreamCode: row.upstream_code as string | null,
    deliveredAt: timeOf(row.delivered_at),
    attempts: row.attempts as number,
    nextAttemptAt: timeOf(row.next_attempt_at),
    requestId: row.request_id as string,
  });
}

/** A timestamp column as the ORM's driver gives it (text) to a Date. */
function timeOf(value: unknown): Date | null {
  return value == null ? null : new Date(value as string);
}

/** The open handover from its row, as a plain object the answer's fields read. */
function handoverOf(row: Record<string, unknown>, em: EntityManager): Handover {
  return Object.assign(Object.create(Handover.prototype) as Handover, {
    id: row.id as string,
    kind: row.kind as HandoverKind,
    cabinetId: row.cabinet_id as string,
    contractorId: row.contractor_id as string,
    operator: em.getReference(Operator, row.operator_login as string),
    startedAt: timeOf(row.started_at)!,
    finishedAt: timeOf(row.finished_at),
    endedBy: row.ended_by as HandoverEnd | null,
    bookedAccumulators: row.booked_accumulators as BookedSnapshot[],
    cellsForReturn: row.cells_for_return as number,
    returnCells: row.return_cells as string[],
  });
}

type OpenHandover = Record<string, unknown> & {
  scooter_ops_done: number;
  scooter_ops_known: { id: number; accumulatorId: string; delivery: DeliveryStatus }[];
};

/**
 * A handover with its progress, `scooter_ops_done` (GIVE: booked accumulators with a scan that is
 * not refused; GET: scans not refused; at most one such scan per accumulator, by the partial unique
 * index), and `scooter_ops_known`, the earlier scans of the accumulator whose folded id is the first
 * parameter.
 */
export const OPEN_HANDOVER_SQL = `
  select h.*,
         (select count(*)::int from "handover_scan" c
           where c."handover_id" = h."id" and c."delivery" <> 'REJECTED'
             and (h."kind" = 'GET' or c."accumulator_id" in (select b->>'accumulatorId' from jsonb_array_elements(h."booked_accumulators") b))) as "scooter_ops_done",
         coalesce((select json_agg(json_build_object('id', k."id", 'accumulatorId', k."accumulator_id", 'delivery', k."delivery") order by k."id")
                     from "handover_scan" k where k."handover_id" = h."id" and ${FOLDED_ID_SQL} = ?), '[]') as "scooter_ops_known"
    from "handover" h
   where h."id" = ?`;
