import { DriveEmulator } from "./drive";
import { ScooterAccumulatorEmulator } from "./scooter-accumulator";
import { ScootersMiscEmulator } from "./scooters-misc";

export { DriveEmulator, ScooterAccumulatorEmulator, ScootersMiscEmulator };
export type { EmulatedCall, Fault } from "./openapi-service";

/** The three upstream emulators, each on its own port so each can fail on its own. */
export class Emulators {
  readonly scooterAccumulator = new ScooterAccumulatorEmulator();
  readonly drive = new DriveEmulator();
  readonly scootersMisc = new ScootersMiscEmulator();

  get all() {
    return [this.scooterAccumulator, this.drive, this.scootersMisc] as const;
  }

  /** ports: 0 picks free ones */
  async start(ports: { scooterAccumulator?: number; drive?: number; scootersMisc?: number } = {}, host = "127.0.0.1") {
    await this.scooterAccumulator.start(ports.scooterAccumulator ?? 0, host);
    await this.drive.start(ports.drive ?? 0, host);
    await this.scootersMisc.start(ports.scootersMisc ?? 0, host);
    return this.env();
  }

  /** The gateway's upstream settings pointing here. */
  env() {
    return {
      SCOOTER_ACCUMULATOR_URL: this.scooterAccumulator.url,
      DRIVE_URL: this.drive.url,
      SCOOTERS_MISC_URL: this.scootersMisc.url,
    };
  }

  async reset(): Promise<void> {
    await Promise.all([this.scooterAccumulator.reset(), this.drive.reset(), this.scootersMisc.reset()]);
  }

  async stop(): Promise<void> {
    await Promise.all(this.all.map((service) => service.stop()));
  }
}
