import type { operations } from "./generated/scooters-misc";
import type { CallContext, JsonOk, UpstreamHttp } from "./http";

export type Place = JsonOk<operations["place"]>;

/** scooters-misc: the directory of places (contract/upstreams/scooters-misc.yaml). */
export class ScootersMiscClient {
  constructor(private readonly http: UpstreamHttp<"scooters-misc">) {}

  place(placeId: string, ctx: CallContext): Promise<Place> {
    return this.http.request("place", { method: "GET", path: `/places/${encodeURIComponent(placeId)}` }, ctx);
  }
}
