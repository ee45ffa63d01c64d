import type { MikroORM } from "@mikro-orm/postgresql";
import type { Logger } from "pino";
import { UpstreamUnavailableError } from "../errors";
import { Periodic } from "../periodic";
import type { Upstreams } from "../upstreams";
import { CAR_DETAILS_BATCH } from "../upstreams/drive";
import { Repair } from "./repair.entity";

/** How far back a repair still waits for its starting mileage. */
const LOOK_BACK_MS = 7 * 24 * 3600 * 1000;

/**
 * A repair starts even when Drive does not answer; its mileage at start is then read here, as
 * soon as Drive answers again (a vehicle on the bench does not move, so the reading is the same).
 */
export class MileageFiller {
  private readonly periodic: Periodic;

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
    const waiting = await em.find(
      Repair,
      { mileageAtStartKm: null, startedAt: { $gte: new Date(Date.now() - LOOK_BACK_MS) } },
      { orderBy: { startedAt: "asc" }, limit: 500 },
    );
    const vehicleIds = [...new Set(waiting.map((r) => r.vehicleId))];
    for (let i = 0; i < vehicleIds.length; i += CAR_DETAILS_BATCH) {
      let cars;
      try {
        ({ cars } = await this.upstreams.drive.carDetails(vehicleIds.slice(i, i + CAR_DETAILS_BATCH), { requestId: "mileage-filler" }));
      } catch (error) {
        if (error instanceof UpstreamUnavailableError) return;
        throw error;
      }
      const mileage = new Map(cars.map((c) => [c.car_id, c.mileage_km]));
      for (const repair of waiting) {
        if (mileage.has(repair.vehicleId)) repair.mileageAtStartKm = mileage.get(repair.vehicleId)!;
      }
    }
    await em.flush();
    const filled = waiting.filter((r) => r.mileageAtStartKm !== null).length;
    if (filled) this.logger.info({ filled }, "mileage at start filled in from Drive");
  }
}
