import { Field, Float, ID, ObjectType } from "type-graphql";
import type { CarDetails } from "../upstreams/drive";

@ObjectType()
export class FirmwareVersion {
  @Field(() => String)
  block: string;

  @Field(() => String)
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
  @Field(() => ID)
  vehicleId: string;

  @Field(() => Float, { nullable: true })
  mileageKm: number | null;

  @Field(() => [FirmwareVersion])
  firmware: FirmwareVersion[];

  @Field(() => String, { nullable: true, description: "the free-text comment of the vehicle's 'broken' tag, when it has one" })
  brokenComment: string | null;

  @Field(() => [String], { description: "every tag Drive has on the vehicle (broken, low_charge, ...)" })
  tags: string[];

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
