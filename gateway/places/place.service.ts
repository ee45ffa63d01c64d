import { BadUserInputError, UpstreamRejectedError } from "../errors";
import { requireId } from "../input";
import type { RequestScope } from "../scope";

/** Places (warehouses): scooters-misc's directory, asked by operators (setPlace) and repairs (startRepair). */
export class PlaceService {
  constructor(private readonly scope: RequestScope) {}

  /** A place scooters-misc knows, as its id; its 404 is the caller's mistake, not an upstream failure. */
  async validPlace(rawPlaceId: string): Promise<string> {
    const placeId = requireId(rawPlaceId, "placeId", "warehouse id");
    try {
      await this.scope.upstreams.scootersMisc.place(placeId, this.scope.call);
    } catch (error) {
      if (error instanceof UpstreamRejectedError && error.upstream.status === 404) {
        throw new BadUserInputError(`There is no warehouse ${placeId}. Check the id.`, "placeId").with({ reason: "UNKNOWN_PLACE", placeId });
      }
      throw error;
    }
    return placeId;
  }
}
