import type { MikroORM } from "@mikro-orm/postgresql";
import type { Logger } from "pino";
import { UpstreamRejectedError, UpstreamUnavailableError } from "../errors";
import { Periodic } from "../periodic";
import type { Upstreams } from "../upstreams";
import { CAR_DETAILS_BATCH } from "../upstreams/drive";
import { isFleetId } from "../ids";
import { Repair } from "./repair.entity";

/** How far back a repair still waits for its starting mileage. */
const LOOK_BACK_MS = 7 * 24 * 3600 * 1000;
/** How many vehicle ids without a mileage the filler remembers before it forgets them all and asks again. */
const MAX_REMEMBERED = 5000;

/**
 * A repair starts even when Drive does not answer; its mileage at start is then read here, as
 * soon as Drive answers again (a vehicle on the bench does not move, so the reading is the same).
 */
export class MileageFiller {
  private readonly periodic: Periodic;
  /**
   * Vehicle ids Drive answered for without a car, or refused, or that cannot be a fleet id: not
   * asked again by this process (a restart asks once more), so they neither cost Drive a call
   * every tick for a week nor keep real repairs out of the oldest 500.
   */
  private readonly noMileage = new Set<string>();

  constructor(
    private readonly orm: MikroORM,
    private readonly upstreams: Upstreams,
    intervalMs: number,
    private readonly logger: Logger,
  ) {
    this.periodic = new Periodic("mileage filler", intervalMs, () => this.fill(), logger);
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  async fill(): Promise<void> {
    const em = this.orm.em.fork();
    if (this.noMileage.size > MAX_REMEMBERED) this.noMileage.clear();
    const waiting = await em.find(
      Repair,
      {
        mileageAtStartKm: null,
        startedAt: { $gte: new Date(Date.now() - LOOK_BACK_MS) },
        ...(this.noMileage.size ? { vehicleId: { $nin: [...this.noMileage] } } : {}),
      },
      { orderBy: { startedAt: "asc" }, limit: 500 },
    );
    const vehicleIds: string[] = [];
    for (const id of new Set(waiting.map((r) => r.vehicleId))) {
      if (isFleetId(id)) vehicleIds.push(id);
      else this.noMileage.add(id);
    }
    const mileage = new Map<string, number>();
    // a batch Drive refuses (one id it cannot read) is asked again one id at a time, so the others are filled
    const ask = async (ids: string[]): Promise<boolean> => {
      try {
        const { cars } = await this.upstreams.drive.carDetails(ids, { requestId: "mileage-filler" });
        for (const car of cars) mileage.set(car.car_id, car.mileage_km);
        for (const id of ids) if (!mileage.has(id)) this.noMileage.add(id);
        return true;
      } catch (error) {
        if (error instanceof UpstreamUnavailableError) return false;
        if (!(error instanceof UpstreamRejectedError)) throw error;
        if (ids.length === 1) {
          this.logger.warn({ vehicleId: ids[0], upstream: error.upstream }, "Drive refuses a vehicle id of a repair: its mileage stays unknown");
          this.noMileage.add(ids[0]);
          return true;
        }
        for (const id of ids) if (!(await ask([id]))) return false;
        return true;
      }
    };
    for (let i = 0; i < vehicleIds.length; i += CAR_DETAILS_BATCH) {
      if (!(await ask(vehicleIds.slice(i, i + CAR_DETAILS_BATCH)))) break; // Drive is not answering: the next tick tries again
    }
    for (const repair of waiting) {
      if (mileage.has(repair.vehicleId)) repair.mileageAtStartKm = mileage.get(repair.vehicleId)!;
    }
    await em.flush();
    const filled = waiting.filter((r) => r.mileageAtStartKm !== null).length;
    if (filled) this.logger.info({ filled }, "mileage at start filled in from Drive");
  }
}
