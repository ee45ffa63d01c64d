import { Field, Float, ID, ObjectType } from "type-graphql";
import type { DomainError } from "../errors";
import type { CarDetails } from "../upstreams/drive";

@ObjectType({ description: "Why an entry of `scooters` has no vehicle data." })
export class VehicleLookupError {
  @Field(() => String, {
    description:
      "an error code of the contract: NOT_FOUND (Drive does not know the vehicle, or refused the id), BAD_USER_INPUT (not an id), UPSTREAM_UNAVAILABLE",
  })
  code: string;

  @Field(() => String, { nullable: true, description: "a stable word for the case, as in errors' extensions.reason (UNKNOWN_VEHICLE, ...)" })
  reason: string | null;

  @Field(() => String, { description: "for developers and logs, not for people" })
  message: string;
}

@ObjectType()
export class FirmwareVersion {
  @Field(() => String, { description: "the vehicle's block: dashboard, controller, iot, battery, ..." })
  block: string;

  @Field(() => String, { description: "its firmware version" })
  version: string;
}

/**
 * A vehicle as Drive's car/details and this service's repair history see it together; the
 * history fields are field resolvers (scooter.resolver.ts), batched per request.
 */
@ObjectType({
  description:
    "A vehicle as the vehicle backend (car/details) and this service's repair history see it together.\nVehicle data is read from Drive for each request (batched within the request), never served stale.",
})
export class Scooter {
  @Field(() => ID, { description: "the vehicle's id, as Drive spells it (in `scooters`: as asked, when there is an error)" })
  vehicleId: string;

  @Field(() => Float, { nullable: true, description: "odometer, km, as Drive reports it now" })
  mileageKm: number | null;

  @Field(() => [FirmwareVersion], { description: "firmware of each block (dashboard, controller, iot, battery, ...)" })
  firmware: FirmwareVersion[];

  @Field(() => String, { nullable: true, description: "the free-text comment of the vehicle's 'broken' tag, when it has one" })
  brokenComment: string | null;

  @Field(() => [String], { description: "every tag Drive has on the vehicle (broken, low_charge, ...)" })
  tags: string[];

  @Field(() => VehicleLookupError, {
    nullable: true,
    description: "null for a vehicle Drive described; in `scooters`, set for an id with no data (the entry then has only vehicleId and the local history)",
  })
  error: VehicleLookupError | null = null;

  /** The entry of `scooters` for an id that has no vehicle data. */
  static missing(vehicleId: string, error: DomainError): Scooter {
    const reason = typeof error.details.reason === "string" ? error.details.reason : null;
    return Object.assign(new Scooter(), {
      vehicleId: vehicleId.trim(),
      mileageKm: null,
      firmware: [],
      brokenComment: null,
      tags: [],
      error: { code: error.code, reason, message: error.message },
    });
  }

  static fromDrive(car: CarDetails): Scooter {
    return Object.assign(new Scooter(), {
      vehicleId: car.car_id,
      mileageKm: car.mileage_km,
      firmware: car.firmware.map((f) => ({ block: f.block, version: f.version })),
      brokenComment: car.tags.find((t) => t.tag === "broken")?.comment ?? null,
      tags: car.tags.map((t) => t.tag),
    });
  }
}
