import type { MikroORM } from "@mikro-orm/postgresql";
import type { Logger } from "pino";
import { UpstreamRejectedError, UpstreamUnavailableError } from "../errors";
import type { Metrics } from "../metrics";
import type { Upstreams } from "../upstreams";
import { DeliveryStatus, HandoverKind, HandoverScan } from "./handover.entity";
import { retryDelayMs } from "./progress";
import { Periodic } from "../periodic";

export interface OutboxSettings {
  pollMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

/** First key of the advisory locks that make one process at a time deliver a handover's scans. */
const DELIVERY_LOCK = 7_310_001;

/**
 * Delivers scans to scooter-accumulator: right after they are recorded, and later, by itself,
 * for those it could not reach. The scan rows are the outbox. For each handover, scans go in scan
 * order, one transaction per scan, under a PostgreSQL advisory lock, so several gateway processes
 * on one database never send the same scan at once. A crash between upstream's answer and the
 * commit sends that one scan again, which scooter-accumulator answers 200 (idempotent by contract).
 */
export class ScanOutbox {
  private readonly poller: Periodic;

  constructor(
    private readonly orm: MikroORM,
    private readonly upstreams: Upstreams,
    private readonly settings: OutboxSettings,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    this.poller = new Periodic("scan outbox", settings.pollMs, () => this.deliverDue(), logger);
  }

  /** When a fresh scan is left to the caller who recorded it before the poller may take it. */
  firstAttemptDeadline(now = new Date()): Date {
    return new Date(now.getTime() + this.settings.retryBaseMs);
  }

  start(): void {
    this.poller.start();
  }

  stop(): Promise<void> {
    return this.poller.stop();
  }

  /** One pass over every handover with a scan that is due. */
  async deliverDue(): Promise<void> {
    const rows = await this.orm.em.fork().execute<{ handover_id: string }[]>(
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
   * Returns at once when another process is delivering this handover.
   */
  async deliver(handoverId: string, ownScanId: number | null): Promise<void> {
    for (;;) {
      const goOn = await this.orm.em.fork().transactional(async (em) => {
        const [{ locked }] = await em.execute<{ locked: boolean }[]>(`select pg_try_advisory_xact_lock(?, hashtext(?)) as "locked"`, [
          DELIVERY_LOCK,
          handoverId,
        ]);
        if (!locked) return false;
        const scan = await em.findOne(
          HandoverScan,
          { handover: handoverId, delivery: DeliveryStatus.PENDING },
          { orderBy: { id: "asc" }, populate: ["handover"] },
        );
        if (!scan) return false;
        const due = scan.id === ownScanId || scan.nextAttemptAt === null || scan.nextAttemptAt <= new Date();
        if (!due) return false;
        const settled = await this.send(scan, ownScanId === null ? "late" : "now");
        await em.flush();
        return settled && scan.id !== ownScanId;
      });
      if (!goOn) return;
    }
  }

  /** One attempt; true when the scan is settled (DELIVERED or REJECTED). */
  private async send(scan: HandoverScan, when: "now" | "late"): Promise<boolean> {
    const { handover } = scan;
    const body = { cabinet_id: handover.cabinetId, contractor_id: handover.contractorId, accumulator_id: scan.accumulatorId };
    const call = { requestId: scan.requestId };
    scan.attempts += 1;
    try {
      if (handover.kind === HandoverKind.GIVE) await this.upstreams.scooterAccumulator.accumulatorTaken(body, call);
      else await this.upstreams.scooterAccumulator.accumulatorReturned(body, call);
      scan.delivery = DeliveryStatus.DELIVERED;
      scan.deliveredAt = new Date();
      scan.message = null;
      scan.nextAttemptAt = null;
      this.metrics.outboxDelivered.inc({ outcome: `delivered_${when}` });
      return true;
    } catch (error) {
      if (error instanceof UpstreamRejectedError) {
        scan.delivery = DeliveryStatus.REJECTED;
        scan.message = error.upstream.message;
        scan.upstreamCode = error.upstream.code;
        scan.nextAttemptAt = null;
        this.metrics.outboxDelivered.inc({ outcome: `rejected_${when}` });
        return true;
      }
      if (error instanceof UpstreamUnavailableError) {
        const pause = retryDelayMs(scan.attempts, this.settings.retryBaseMs, this.settings.retryMaxMs);
        scan.nextAttemptAt = new Date(Date.now() + pause);
        scan.message = `scooter-accumulator has not received it yet (${error.reason}); the gateway will send it by itself.`;
        this.metrics.outboxDelivered.inc({ outcome: `pending_${when}` });
        this.logger.warn({ scanId: scan.id, handoverId: handover.id, attempts: scan.attempts, pauseMs: pause }, "scan kept for later delivery");
        return false;
      }
      throw error;
    }
  }
}
