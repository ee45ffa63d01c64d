import type { components, operations } from "./generated/scooter-accumulator";
import type { CallContext, JsonBody, JsonOk, UpstreamHttp } from "./http";

export type BookingInfoRequest = JsonBody<operations["bookingInfo"]>;
export type BookingInfoResponse = JsonOk<operations["bookingInfo"]>;
export type Scan = components["schemas"]["Scan"];
export type ScanAck = components["schemas"]["ScanAck"];

/** scooter-accumulator: the battery-cabinet service (contract/upstreams/scooter-accumulator.yaml). */
export class ScooterAccumulatorClient {
  constructor(private readonly http: UpstreamHttp<"scooter-accumulator">) {}

  bookingInfo(body: BookingInfoRequest, ctx: CallContext): Promise<BookingInfoResponse> {
    return this.http.request("bookingInfo", { method: "POST", path: "/cabinet/booking_info", body }, ctx);
  }

  accumulatorTaken(body: Scan, ctx: CallContext): Promise<ScanAck> {
    return this.http.request("accumulatorTaken", { method: "POST", path: "/accumulator/taken", body }, ctx);
  }

  accumulatorReturned(body: Scan, ctx: CallContext): Promise<ScanAck> {
    return this.http.request("accumulatorReturned", { method: "POST", path: "/accumulator/returned", body }, ctx);
  }
}
