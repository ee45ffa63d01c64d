import { Arg, Authorized, Ctx, FieldResolver, Float, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { GatewayContext } from "../context";
import { pageSize } from "../input";
import { Repair } from "../repairs/repair.entity";
import { Scooter } from "./scooter.types";
import { VehicleService } from "./vehicle.service";

@Resolver(() => Scooter)
export class ScooterResolver {
  @Authorized()
  @Query(() => Scooter, { description: "one vehicle card: Drive's data and the local repair history; NOT_FOUND when Drive does not know it" })
  scooter(@Arg("vehicleId", () => ID, { description: "the vehicle's id (sc-1001)" }) vehicleId: string, @Ctx() ctx: GatewayContext): Promise<Scooter> {
    return new VehicleService(ctx.loaders).scooter(vehicleId);
  }

  @Authorized()
  @Query(() => [Scooter], {
    description:
      "many vehicles in one request (PRO mission screens); the vehicle backend is asked in batches.\nOne entry per id asked, in the order asked: an id Drive does not know (or refuses) is an entry with `error` set, never left out, and never fails the others.",
  })
  scooters(@Arg("vehicleIds", () => [ID], { description: "at most 500 vehicle ids" }) vehicleIds: string[], @Ctx() ctx: GatewayContext): Promise<Scooter[]> {
    return new VehicleService(ctx.loaders).scooters(vehicleIds);
  }

  @FieldResolver(() => Repair, { nullable: true, description: "the repair performing now, if any" })
  activeRepair(@Root() scooter: Scooter, @Ctx() ctx: GatewayContext): Promise<Repair | null> {
    return ctx.loaders.performingRepairOfVehicle(scooter.vehicleId);
  }

  @FieldResolver(() => Repair, { nullable: true, description: "the newest COMPLETED repair" })
  lastRepair(@Root() scooter: Scooter, @Ctx() ctx: GatewayContext): Promise<Repair | null> {
    return ctx.loaders.lastCompletedRepairOfVehicle(scooter.vehicleId);
  }

  @FieldResolver(() => Float, { nullable: true, description: "current mileage minus lastRepair.mileageAtStartKm" })
  async mileageSinceLastRepairKm(@Root() scooter: Scooter, @Ctx() ctx: GatewayContext): Promise<number | null> {
    const last = await ctx.loaders.lastCompletedRepairOfVehicle(scooter.vehicleId);
    if (scooter.mileageKm === null || last?.mileageAtStartKm == null) return null;
    return Math.round((scooter.mileageKm - last.mileageAtStartKm) * 10) / 10;
  }

  @FieldResolver(() => [Repair], { description: "newest first" })
  repairs(
    @Root() scooter: Scooter,
    @Arg("first", () => Int, { nullable: true, defaultValue: 10, description: "how many, 1 to 200" }) first: number | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<Repair[]> {
    return ctx.loaders.repairsOfVehicle(scooter.vehicleId, pageSize(first, 10));
  }
}
