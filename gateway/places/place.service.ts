import { BadUserInputError, UpstreamRejectedError } from "../errors";
import { spellingsOf } from "../ids";
import { requireId } from "../input";
import type { RequestScope } from "../scope";

/** Places (warehouses): scooters-misc's directory, asked by operators (setPlace) and repairs (startRepair). */
export class PlaceService {
  constructor(private readonly scope: RequestScope) {}

  /**
   * A place scooters-misc knows, as its id: as typed made Latin, else in the fleet's lower-case
   * form (`WH-2` is `wh-2`), the one the directory answers. Its 404 (or 400) for every spelling is
   * the caller's mistake, not an upstream failure.
   */
  async validPlace(rawPlaceId: string): Promise<string> {
    const placeId = requireId(rawPlaceId, "placeId", "warehouse id");
    for (const spelling of spellingsOf(placeId)) {
      try {
        await this.scope.upstreams.scootersMisc.place(spelling, this.scope.call);
        return spelling;
      } catch (error) {
        if (!(error instanceof UpstreamRejectedError && (error.upstream.status === 404 || error.upstream.status === 400))) throw error;
      }
    }
    throw new BadUserInputError(`There is no warehouse ${placeId}. Check the id.`, "placeId").with({ reason: "UNKNOWN_PLACE", placeId });
  }
}
