import { Database } from "../db/sql";
import { BadUserInputError, UpstreamRejectedError } from "../errors";
import { spellingsOf } from "../ids";
import { requireId } from "../input";
import type { RequestScope } from "../scope";
import type { PlaceInfo } from "./place.types";

/** How far back a warehouse's repairs make it one people work at now (knownPlaces). */
const KNOWN_PLACE_DAYS = 90;

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

  /**
   * The warehouses people work at, for a person to choose from rather than type an id: the places
   * of active operators and of the last KNOWN_PLACE_DAYS days' repairs, the busiest first, at most
   * `first`, each with the directory's name (`nameOf`, kept a few minutes). One the directory does
   * not name (it does not know it, or does not answer) is left out: what is offered is what
   * setPlace takes (one closed within those minutes is refused there, with its reason).
   */
  async knownPlaces(first: number, nameOf: (placeId: string) => Promise<PlaceInfo | null>): Promise<PlaceInfo[]> {
    const rows = await new Database(this.scope.em).query<{ placeId: string }>(
      `select "place_id" as "placeId" from (
         select "place_id", count(*) as "n" from "repair" where "started_at" > now() - make_interval(days => ?) group by "place_id"
         union all
         select "place_id", count(*) from "operator" where "place_id" is not null and "active" group by "place_id"
       ) used group by "place_id" order by sum("n") desc, "place_id" limit ?`,
      [KNOWN_PLACE_DAYS, first],
    );
    const named = await Promise.all(rows.map((row) => nameOf(row.placeId)));
    return named.filter((place): place is PlaceInfo => place !== null);
  }
}
