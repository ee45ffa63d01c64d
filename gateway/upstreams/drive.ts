import type { operations } from "./generated/drive";
import type { CallContext, JsonBody, JsonOk, UpstreamHttp } from "./http";

export type CarDetailsResponse = JsonOk<operations["carDetails"]>;
export type CarDetails = CarDetailsResponse["cars"][number];
export type CarControlRequest = JsonBody<operations["carControl"]>;
export type CarControlResponse = JsonOk<operations["carControl"]>;

/** The most vehicle ids Drive's car/details takes in one request. */
export const CAR_DETAILS_BATCH = 50;

/** The Drive vehicle backend (contract/upstreams/drive.yaml). */
export class DriveClient {
  constructor(private readonly http: UpstreamHttp<"drive">) {}

  /** Details of up to CAR_DETAILS_BATCH vehicles in one request; unknown ids are left out. */
  carDetails(carIds: readonly string[], ctx: CallContext): Promise<CarDetailsResponse> {
    if (carIds.length === 0 || carIds.length > CAR_DETAILS_BATCH) {
      throw new RangeError(`car/details takes 1 to ${CAR_DETAILS_BATCH} ids, got ${carIds.length}`);
    }
    return this.http.request("carDetails", { method: "GET", path: "/api/taxi/car/details", query: { car_id: carIds.join(",") } }, ctx);
  }

  carControl(body: CarControlRequest, ctx: CallContext): Promise<CarControlResponse> {
    return this.http.request("carControl", { method: "POST", path: "/api/taxi/car/control", body }, ctx);
  }
}
