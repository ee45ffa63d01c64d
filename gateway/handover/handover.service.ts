import type { EntityManager } from "@mikro-orm/postgresql";
import { InvalidStateError, NotFoundError, UpstreamRejectedError } from "../errors";
import { requireId } from "../input";
import { Operator } from "../operators/operator.entity";
import { Session, SessionState } from "../operators/session.entity";
import { lockSession } from "../operators/session.service";
import type { Upstreams } from "../upstreams";
import type { CallContext } from "../upstreams/http";
import { DeliveryStatus, Handover, HandoverEnd, HandoverKind, HandoverScan } from "./handover.entity";
import type { ScanOutbox } from "./outbox";
import { FOLDED_ID_SQL, foldId, matchKnownId } from "./match";
import { expectedOf, isExpectedScan } from "./progress";

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

const STATE_OF: Record<HandoverKind, SessionState> = {
  [HandoverKind.GIVE]: SessionState.GIVE_ACCUMULATORS,
  [HandoverKind.GET]: SessionState.GET_ACCUMULATORS,
};

export function bookedIds(handover: Handover): string[] {
  return handover.bookedAccumulators.map((a) => a.accumulatorId);
}

/**
 * The offline battery handover (seed 000): open it from scooter-accumulator's booking, record each
 * scanned accumulator before sending it upstream, close it. The operator's session row is locked
 * for every step, so one keeper's steps never interleave.
 */
export class HandoverService {
  constructor(
    private readonly em: EntityManager,
    private readonly upstreams: Upstreams,
    private readonly outbox: ScanOutbox,
    private readonly call: CallContext,
  ) {}

  async open(operator: Operator, rawCabinetId: string, rawContractorId: string, kind: HandoverKind): Promise<OpenedHandover> {
    const cabinetId = requireId(rawCabinetId, "cabinetId", "cabinet id");
    const contractorId = requireId(rawContractorId, "contractorId", "contractor id");
    const booking = await this.upstreams.scooterAccumulator
      .bookingInfo({ cabinet_id: cabinetId, contractor_id: contractorId }, this.call)
      .catch((error: unknown) => {
        if (error instanceof UpstreamRejectedError && error.upstream.status === 404) {
          throw new NotFoundError(`Contractor ${contractorId} has no booking at cabinet ${cabinetId} (${error.upstream.message}). Check both ids.`).with({
            reason: "NO_BOOKING",
            cabinetId,
            contractorId,
            upstream: error.upstream,
          });
        }
        throw error;
      });

    return this.em.transactional(async (em) => {
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
   * Records one scanned accumulator in the open handover of `kind`, then tries to deliver it. A
   * fixed number of statements whatever the length of the handover: the earlier scans of the same
   * accumulator are found through an index on their folded id, and progress is counted by SQL.
   */
  async scan(operator: Operator, kind: HandoverKind, rawAccumulatorId: string): Promise<RecordedScan> {
    const typed = requireId(rawAccumulatorId, "accumulatorId", "accumulator id");
    const recorded = await this.em.transactional(async (em) => {
      const session = await lockSession(em, operator.login);
      const handover = session.handover;
      if (!handover) {
        throw new InvalidStateError("No handover is open: name the cabinet and the contractor first (bookingInfo).").with({ reason: "NO_HANDOVER" });
      }
      if (handover.kind !== kind) {
        const open = handover.kind === HandoverKind.GIVE ? "handing out (GIVE)" : "taking back (GET)";
        throw new InvalidStateError(`The open handover is ${open}; finish it before scanning for the other direction.`).with({ reason: "OTHER_KIND", openKind: handover.kind });
      }
      const [{ counted, known }] = await em.execute<{ counted: number; known: { id: number; accumulatorId: string; delivery: DeliveryStatus }[] }[]>(
        // the scans that count so far matter only to GET, whose booking is a number of cells
        `select case when ? then (select count(*)::int from "handover_scan" c where c."handover_id" = ? and c."delivery" <> 'REJECTED') else 0 end as "counted",
                coalesce((select json_agg(json_build_object('id', k."id", 'accumulatorId', k."accumulator_id", 'delivery', k."delivery") order by k."id")
                            from "handover_scan" k where k."handover_id" = ? and ${FOLDED_ID_SQL} = ?), '[]') as "known"`,
        [handover.kind === HandoverKind.GET, handover.id, handover.id, foldId(typed)],
      );
      // Acc-1001 or асс-1001 typed for the booked acc-1001: recorded (and sent) as booked
      const accumulatorId = matchKnownId(typed, [...bookedIds(handover), ...known.map((s) => s.accumulatorId)]);
      // a scan scooter-accumulator refused is sent again when rescanned (say, after the booking was fixed)
      const existing = known.find((s) => s.accumulatorId === accumulatorId && s.delivery !== DeliveryStatus.REJECTED);
      if (existing) return { scanId: existing.id, handover, duplicate: true };
      const scan = em.create(HandoverScan, {
        handover,
        accumulatorId,
        expected: isExpectedScan(facts(handover), counted, accumulatorId),
        requestId: this.call.requestId,
        message: "Recorded; scooter-accumulator has not received it yet: it waits behind earlier scans, and the gateway will send it by itself.",
        nextAttemptAt: this.outbox.firstAttemptDeadline(),
      });
      await em.flush(); // in the journal before anything goes upstream
      return { scanId: scan.id, handover, duplicate: false };
    });

    if (!recorded.duplicate) await this.outbox.deliver(recorded.handover.id, recorded.scanId);
    // the scan as it is now (delivered, refused or pending), and the handover's progress, in one statement
    const [row] = await this.em.execute<Record<string, unknown>[]>(
      `select s.*, case when h."kind" = 'GIVE'
                     then (select count(distinct c."accumulator_id")::int from "handover_scan" c
                            where c."handover_id" = h."id" and c."delivery" <> 'REJECTED'
                              and c."accumulator_id" in (select b->>'accumulatorId' from jsonb_array_elements(h."booked_accumulators") b))
                     else (select count(*)::int from "handover_scan" c where c."handover_id" = h."id" and c."delivery" <> 'REJECTED') end as "scooter_ops_done"
         from "handover_scan" s join "handover" h on h."id" = s."handover_id" where s."id" = ?`,
      [recorded.scanId],
    );
    const done = row.scooter_ops_done as number;
    delete row.scooter_ops_done;
    const scan = this.em.map(HandoverScan, row);
    return { scan, handover: recorded.handover, duplicate: recorded.duplicate, done, expected: expectedOf(facts(recorded.handover)) };
  }

  async finish(operator: Operator): Promise<Handover> {
    return this.em.transactional(async (em) => {
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
    return this.em.find(Handover, where, { orderBy: { startedAt: "desc", id: "desc" }, limit: filter.first });
  }
}

function close(handover: Handover, how: HandoverEnd): void {
  handover.finishedAt = new Date();
  handover.endedBy = how;
}

export function facts(handover: Handover) {
  return { kind: handover.kind, booked: bookedIds(handover), cellsForReturn: handover.cellsForReturn };
}
