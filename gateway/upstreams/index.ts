import type { Logger } from "pino";
import type { GatewayConfig } from "../config";
import type { Metrics } from "../metrics";
import { DriveClient } from "./drive";
import { UpstreamHttp } from "./http";
import { ScooterAccumulatorClient } from "./scooter-accumulator";
import { ScootersMiscClient } from "./scooters-misc";

export interface Upstreams {
  scooterAccumulator: ScooterAccumulatorClient;
  drive: DriveClient;
  scootersMisc: ScootersMiscClient;
}

export function createUpstreams(config: GatewayConfig, metrics: Metrics, logger: Logger): Upstreams {
  const common = { timeoutMs: config.upstreamTimeoutMs, resilience: config.upstreamResilience, metrics, logger };
  const { scooterAccumulator, drive, scootersMisc } = config.upstreams;
  return {
    scooterAccumulator: new ScooterAccumulatorClient(
      new UpstreamHttp("scooter-accumulator", { ...common, baseUrl: scooterAccumulator.url, token: scooterAccumulator.token }),
    ),
    drive: new DriveClient(new UpstreamHttp("drive", { ...common, baseUrl: drive.url, token: drive.token })),
    scootersMisc: new ScootersMiscClient(new UpstreamHttp("scooters-misc", { ...common, baseUrl: scootersMisc.url })),
  };
}
