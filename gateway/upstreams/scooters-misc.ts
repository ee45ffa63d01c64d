import type { operations } from "./generated/scooters-misc";
import type { CallContext, JsonOk, UpstreamHttp } from "./http";

export type Place = JsonOk<operations["place"]>;

/** How long a place's answer is reused for names (a warehouse's name changes rarely: one a few minutes old is still right). */
export const PLACE_NAME_TTL_MS = 5 * 60_000;
const PLACE_NAMES_KEPT = 1000;

/** scooters-misc: the directory of places (contract/upstreams/scooters-misc.yaml). */
export class ScootersMiscClient {
  private readonly named = new Map<string, { place: Promise<Place>; until: number }>();

  constructor(
    private readonly http: UpstreamHttp<"scooters-misc">,
    private readonly now: () => number = Date.now,
  ) {}

  /** The place as scooters-misc says now: for checking that a warehouse exists (setPlace, startRepair). */
  place(placeId: string, ctx: CallContext): Promise<Place> {
    return this.http.request("place", { method: "GET", path: `/places/${encodeURIComponent(placeId)}` }, ctx);
  }

  /**
   * The place for showing its name: scooters-misc's answer reused for PLACE_NAME_TTL_MS, and one
   * call for callers asking at once (every bot update of a mechanic shows their warehouse). A
   * failure is not kept: the next caller asks again.
   */
  placeForName(placeId: string, ctx: CallContext): Promise<Place> {
    const kept = this.named.get(placeId);
    if (kept && kept.until > this.now()) return kept.place;
    const place = this.place(placeId, ctx);
    this.named.delete(placeId); // the newest last: the first key is the oldest
    this.named.set(placeId, { place, until: this.now() + PLACE_NAME_TTL_MS });
    if (this.named.size > PLACE_NAMES_KEPT) this.named.delete(this.named.keys().next().value!);
    place.catch(() => {
      if (this.named.get(placeId)?.place === place) this.named.delete(placeId);
    });
    return place;
  }
}
