import { BadUserInputError, DomainError, NotFoundError, UpstreamRejectedError } from "../errors";
import { fleetSpellingsOf } from "../ids";
import { requireId } from "../input";
import type { Loaders } from "../loaders";
import { Scooter } from "./scooter.types";

/** The most vehicles one `scooters` query may name. */
export const MAX_VEHICLES_PER_QUERY = 500;

/** Vehicle cards: Drive's data, read fresh for every request through the per-request batch loader. */
export class VehicleService {
  constructor(private readonly loaders: Loaders) {}

  async scooter(rawVehicleId: string): Promise<Scooter> {
    const vehicleId = requireId(rawVehicleId, "vehicleId", "vehicle id");
    // `SC-1002` typed for `sc-1002`: both spellings go in the same Drive request; one Drive
    // refuses does not hide the other it knows; one that cannot be a fleet id is not asked for
    const answers = await Promise.allSettled(fleetSpellingsOf(vehicleId).map((id) => this.loaders.car.load(id)));
    const car = answers.map((a) => (a.status === "fulfilled" ? a.value : null)).find((c) => c !== null);
    const refused = answers.find((a) => a.status === "rejected");
    if (!car && refused) throw unknownVehicle(refused.reason, vehicleId);
    if (!car) throw new NotFoundError(`Drive does not know vehicle ${vehicleId}. Check the id.`).with({ reason: "UNKNOWN_VEHICLE", vehicleId });
    return Scooter.fromDrive(car);
  }

  /**
   * One entry per id asked, in the order asked: a vehicle Drive does not know, an id that is not
   * one, or one Drive refused is an entry with only `vehicleId` and `error`; the others are whole.
   */
  async scooters(rawVehicleIds: string[]): Promise<Scooter[]> {
    if (rawVehicleIds.length > MAX_VEHICLES_PER_QUERY) {
      throw new BadUserInputError(`Ask for at most ${MAX_VEHICLES_PER_QUERY} vehicles at once.`, "vehicleIds").with({ reason: "TOO_MANY" });
    }
    return Promise.all(
      rawVehicleIds.map(async (raw) => {
        try {
          return await this.scooter(raw);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          return Scooter.missing(raw, error);
        }
      }),
    );
  }
}

/** Drive's 400/404 for one id means the id is not a vehicle it knows: the caller's mistake. */
function unknownVehicle(error: unknown, vehicleId: string): unknown {
  if (error instanceof UpstreamRejectedError && (error.upstream.status === 400 || error.upstream.status === 404)) {
    return new NotFoundError(`Drive does not know vehicle ${vehicleId} (${error.upstream.message}).`).with({
      reason: "UNKNOWN_VEHICLE",
      vehicleId,
      upstream: error.upstream,
    });
  }
  return error;
}
