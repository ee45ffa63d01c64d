import { Arg, Authorized, Ctx, Int, Query, Resolver } from "type-graphql";
import type { GatewayContext } from "../context";
import { pageSize } from "../input";
import { PlaceService } from "./place.service";
import { PlaceInfo } from "./place.types";

@Resolver(() => PlaceInfo)
export class PlaceResolver {
  @Authorized()
  @Query(() => [PlaceInfo], {
    description:
      "the warehouses people work at (active operators' and the last 90 days' repairs), the busiest first, with their names: to choose one from rather than type its id. Only places the directory (scooters-misc) names; empty when it does not answer",
  })
  knownPlaces(
    @Arg("first", () => Int, { nullable: true, defaultValue: 8, description: "how many, 1 to 200" }) first: number | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<PlaceInfo[]> {
    return new PlaceService(ctx).knownPlaces(pageSize(first, 8), (placeId) => ctx.loaders.place.load(placeId));
  }
}
