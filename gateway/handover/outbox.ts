import type { MikroORM } from "@mikro-orm/postgresql";
import type { Logger } from "pino";
import { UpstreamRejectedError, UpstreamUnavailableError } from "../errors";
import type { Metrics } from "../metrics";
import type { Upstreams } from "../upstreams";
import { Database } from "../db/sql";
import { DeliveryStatus, HandoverKind } from "./handover.entity";
import { pendingMessage, retryDelayMs } from "./rules";
import { Periodic } from "../periodic";

export interface OutboxSettings {
  pollMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** how long a claimed scan is left to the process that claimed it */
  leaseMs: number;
}

/** A scan claimed for one delivery attempt: what the call upstream needs. */
interface ClaimedScan {
  id: number;
  attempts: number;
  accumulatorId: string;
  requestId: string;
  handoverId: string;
  kind: HandoverKind;
  cabinetId: string;
  contractorId: string;
}

/** A scan row as the database holds it (column names), after one delivery attempt settled it or set its next attempt. */
export interface ScanRow {
  id: number;
  handover_id: string;
  accumulator_id: string;
  delivery: DeliveryStatus;
  [column: string]: unknown;
}

type Outcome =
  | { delivery: "DELIVERED"; spelling: string }
  | { delivery: "REJECTED"; message: string; upstreamCode: string | null; spelling: string }
  | { delivery: "PENDING"; message: string; pauseMs: number };

/**
 * Delivers scans to scooter-accumulator: right after they are recorded, and later, by itself,
 * for those it could not reach. The scan rows are the outbox. Per handover, scans go in scan order,
 * one at a time: a scan is claimed by one short UPDATE that leases the head of the handover's queue
 * (attempts + 1, next_attempt_at = now + lease), the call is made with no database connection or
 * transaction held, and the outcome is recorded by another short UPDATE. Several gateway processes
 * on one database never send the same scan at once, because only the unleased head can be claimed.
 * A process that dies mid-call leaves the lease to run out, and the scan is sent again, which
 * scooter-accumulator answers 200 (idempotent by contract).
 */
export class ScanOutbox {
  private readonly poller: Periodic;
  private readonly db: Database;

  constructor(
    orm: MikroORM,
    private readonly upstreams: Upstreams,
    private readonly settings: OutboxSettings,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    this.db = new Database(orm.em);
    this.poller = new Periodic("scan outbox", settings.pollMs, () => this.deliverDue(), logger);
  }

  /** When a fresh scan is left to the caller who recorded it before the poller may take it. */
  firstAttemptDeadline(now = new Date()): Date {
    return new Date(now.getTime() + this.settings.retryBaseMs);
  }

  /**
   * How long a claim lasts. A scan inserted at the head of its handover's queue (no earlier pending
   * one) is inserted claimed, with attempts 1 and this lease, which saves the claiming UPDATE.
   */
  get leaseMs(): number {
    return this.settings.leaseMs;
  }

  /**
   * The claim of a scan the caller just inserted with attempts 1 and the lease (at the head of its
   * handover's queue); null when it was inserted unclaimed, behind a pending one.
   */
  claimedAtInsert(row: ScanRow, handover: { id: string; kind: HandoverKind; cabinetId: string; contractorId: string }): ClaimedScan | null {
    if (row.attempts !== 1) return null;
    return {
      id: row.id,
      attempts: 1,
      accumulatorId: row.accumulator_id,
      requestId: row.request_id as string,
      handoverId: handover.id,
      kind: handover.kind,
      cabinetId: handover.cabinetId,
      contractorId: handover.contractorId,
    };
  }

  start(): void {
    this.poller.start();
  }

  stop(): Promise<void> {
    return this.poller.stop();
  }

  /** One pass over every handover with a scan that is due. */
  async deliverDue(): Promise<void> {
    const rows = await this.db.query<{ handover_id: string }>(
      `select "handover_id" from "handover_scan"
        where "delivery" = 'PENDING' and ("next_attempt_at" is null or "next_attempt_at" <= now())
        group by "handover_id" order by min("id") limit 100`,
    );
    for (const { handover_id } of rows) {
      if (this.poller.stopping) break;
      await this.deliver(handover_id, null);
    }
  }

  /**
   * Sends the handover's pending scans in order while scooter-accumulator takes them. `ownScanId`
   * is the scan the caller just recorded: sent now, after any due older ones, and the last one sent.
   * Returns at once when the head of the queue is leased by another call or process, or not due.
   * Gives the scans this call attempted, in order, as they are now (the caller's own one last).
   */
  async deliver(handoverId: string, ownScanId: number | null, claimed: ClaimedScan | null = null): Promise<ScanRow[]> {
    const attempted: ScanRow[] = [];
    // `claimed`: the caller's own scan, inserted already claimed at the head of the queue (claimedAtInsert)
    let scan = claimed ?? (await this.claim(handoverId, ownScanId));
    while (scan) {
      const when = ownScanId === null ? "late" : "now";
      const outcome = await this.send(scan);
      const row = await this.record(scan, outcome);
      if (row) attempted.push(row);
      this.metrics.outboxDelivered.inc({ outcome: `${outcome.delivery.toLowerCase()}_${when}` });
      if (outcome.delivery === "PENDING" || scan.id === ownScanId) return attempted;
      scan = await this.claim(handoverId, ownScanId);
    }
    return attempted;
  }

  /** Leases the head of the handover's queue if it is due (or is the caller's own fresh scan). */
  private async claim(handoverId: string, ownScanId: number | null): Promise<ClaimedScan | null> {
    const rows = await this.db.query<ClaimedScan>(
      `update "handover_scan" s
          set "attempts" = s."attempts" + 1, "next_attempt_at" = now() + ? * interval '1 millisecond'
         from "handover" h
        where s."id" = (select p."id" from "handover_scan" p
                         where p."handover_id" = ? and p."delivery" = 'PENDING' order by p."id" limit 1)
          and s."delivery" = 'PENDING'
          and ((s."id" = ?::int and s."attempts" = 0) or s."next_attempt_at" is null or s."next_attempt_at" <= now())
          and h."id" = s."handover_id"
      returning s."id", s."attempts", s."accumulator_id" as "accumulatorId", s."request_id" as "requestId",
                h."id" as "handoverId", h."kind", h."cabinet_id" as "cabinetId", h."contractor_id" as "contractorId"`,
      [this.settings.leaseMs, handoverId, ownScanId],
    );
    return rows[0] ?? null;
  }

  /**
   * The call upstream; no database connection is held while it runs. An id that matched nothing the
   * handover knows went as typed (`ACC-9002`, a capitalised take-back); when scooter-accumulator does
   * not know that spelling (404) it is asked once more in the fleet's lower case, as the cabinet and
   * contractor are, and the spelling it knows is the one recorded.
   */
  private async send(scan: ClaimedScan): Promise<Outcome> {
    const typed = await this.sendAs(scan, scan.accumulatorId);
    const lower = scan.accumulatorId.toLowerCase();
    if (typed.delivery !== "REJECTED" || typed.status !== 404 || lower === scan.accumulatorId) return typed;
    const again = await this.sendAs(scan, lower);
    return again.delivery === "REJECTED" && again.status === 404 ? typed : again;
  }

  private async sendAs(scan: ClaimedScan, spelling: string): Promise<Outcome & { status?: number }> {
    const body = { cabinet_id: scan.cabinetId, contractor_id: scan.contractorId, accumulator_id: spelling };
    const call = { requestId: scan.requestId };
    try {
      if (scan.kind === HandoverKind.GIVE) await this.upstreams.scooterAccumulator.accumulatorTaken(body, call);
      else await this.upstreams.scooterAccumulator.accumulatorReturned(body, call);
      return { delivery: "DELIVERED", spelling };
    } catch (error) {
      if (error instanceof UpstreamRejectedError) {
        return { delivery: "REJECTED", message: error.upstream.message, upstreamCode: error.upstream.code, spelling, status: error.upstream.status };
      }
      if (error instanceof UpstreamUnavailableError) {
        const pauseMs = Math.max(
          retryDelayMs(scan.attempts, this.settings.retryBaseMs, this.settings.retryMaxMs),
          Math.min(error.details.retryAfterMs ?? 0, this.settings.retryMaxMs),
        );
        this.logger.warn(
          { scanId: scan.id, handoverId: scan.handoverId, attempts: scan.attempts, pauseMs, reason: error.reason },
          "scan kept for later delivery",
        );
        return {
          delivery: "PENDING",
          message: pendingMessage(error.reason),
          pauseMs,
        };
      }
      throw error;
    }
  }

  /**
   * Settles the scan, or sets its next attempt if this call's lease is still the latest one. Gives
   * the row as it is now; null when another process settled or leased it meanwhile.
   */
  private async record(scan: ClaimedScan, outcome: Outcome): Promise<ScanRow | null> {
    let rows: ScanRow[];
    if (outcome.delivery === "DELIVERED") {
      rows = await this.db.query<ScanRow>(
        `update "handover_scan" set "delivery" = 'DELIVERED', "delivered_at" = now(), "message" = null, "upstream_code" = null, "next_attempt_at" = null,
                 "accumulator_id" = ?
          where "id" = ? and "delivery" = 'PENDING' returning *`,
        [outcome.spelling, scan.id],
      );
    } else if (outcome.delivery === "REJECTED") {
      rows = await this.db.query<ScanRow>(
        `update "handover_scan" set "delivery" = 'REJECTED', "message" = ?, "upstream_code" = ?, "next_attempt_at" = null, "accumulator_id" = ?
          where "id" = ? and "delivery" = 'PENDING' returning *`,
        [outcome.message, outcome.upstreamCode, outcome.spelling, scan.id],
      );
    } else {
      rows = await this.db.query<ScanRow>(
        `update "handover_scan" set "next_attempt_at" = now() + ? * interval '1 millisecond', "message" = ?
          where "id" = ? and "attempts" = ? and "delivery" = 'PENDING' returning *`,
        [outcome.pauseMs, outcome.message, scan.id, scan.attempts],
      );
    }
    return rows[0] ?? null;
  }
}
