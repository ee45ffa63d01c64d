import { UpstreamRejectedError, UpstreamUnavailableError } from "../errors";
import { fleetSpellingsOf, foldId } from "../ids";
import type { RequestScope } from "../scope";

/** A vehicle id as typed, looked up in Drive (see driveVehicle). */
export interface DriveVehicle {
  /** Drive's own spelling when it knows the vehicle; else the fleet's form of the typed id, folded (`sc-1002`) */
  vehicleId: string;
  /** the odometer, when Drive answered */
  mileageKm: number | null;
  /** true: Drive has it; false: Drive answered and has none of its spellings; null: Drive did not answer */
  known: boolean | null;
}

/**
 * The vehicle `typed` names, as Drive spells it: each spelling that can be a fleet id
 * (fleetSpellingsOf) in turn, one car/details request each, until Drive knows one. Nothing is held
 * meanwhile (no transaction). A spelling Drive refuses (400) is passed over; when it refuses every
 * one, that refusal is thrown. An id with no such spelling is unknown, without asking.
 */
export async function driveVehicle(scope: RequestScope, typed: string): Promise<DriveVehicle> {
  let refusal: UpstreamRejectedError | null = null;
  let answered = false;
  for (const id of fleetSpellingsOf(typed)) {
    try {
      const { cars } = await scope.upstreams.drive.carDetails([id], scope.call);
      answered = true;
      const car = cars.find((c) => c.car_id === id);
      if (car) return { vehicleId: car.car_id, mileageKm: car.mileage_km, known: true };
    } catch (error) {
      if (error instanceof UpstreamUnavailableError) return { vehicleId: foldId(typed), mileageKm: null, known: null };
      if (!(error instanceof UpstreamRejectedError && error.upstream.status === 400)) throw error;
      refusal ??= error;
    }
  }
  if (!answered && refusal) throw refusal;
  return { vehicleId: foldId(typed), mileageKm: null, known: false };
}
