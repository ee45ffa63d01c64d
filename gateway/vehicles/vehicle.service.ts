import { BadUserInputError, NotFoundError } from "../errors";
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
    const car = await this.loaders.car.load(vehicleId);
    if (!car) throw new NotFoundError(`Drive does not know vehicle ${vehicleId}. Check the id.`);
    return Scooter.fromDrive(car);
  }

  /** In the order asked; vehicles Drive does not know are left out, as Drive does. */
  async scooters(rawVehicleIds: string[]): Promise<Scooter[]> {
    if (rawVehicleIds.length > MAX_VEHICLES_PER_QUERY) {
      throw new BadUserInputError(`Ask for at most ${MAX_VEHICLES_PER_QUERY} vehicles at once.`, "vehicleIds");
    }
    const ids = rawVehicleIds.map((id) => requireId(id, "vehicleIds", "vehicle id"));
    const cars = await Promise.all(ids.map((id) => this.loaders.car.load(id)));
    return cars.filter((car) => car !== null).map((car) => Scooter.fromDrive(car!));
  }
}
