import type { operations } from "../gateway/upstreams/generated/drive";
import { OpenApiService, type HandlerResponse } from "./openapi-service";
import { upstreamSpec } from "./paths";

export interface EmulatedCar {
  car_id: string;
  mileage_km: number;
  firmware: { block: string; version: string }[];
  tags: { tag: string; comment?: string }[];
  /** when set, every control command to this car answers status "failed" with this message */
  controlFailure?: string;
}

export function driveDemoData(): EmulatedCar[] {
  const firmware = (n: number) => [
    { block: "dashboard", version: `2.${n}.0` },
    { block: "controller", version: `1.4.${n}` },
    { block: "iot", version: "5.0.2" },
    { block: "battery", version: `3.1.${n % 3}` },
  ];
  const broken = ["тормоза не держат, скрипит заднее крыло", "люфт рулевой стойки", "не открывается замок парковки", "сломана подножка"];
  return Array.from({ length: 12 }, (_, i) => {
    const n = i + 1;
    return {
      car_id: `sc-${1000 + n}`,
      mileage_km: 350 + n * 137.5,
      firmware: firmware(n),
      tags: n <= broken.length ? [{ tag: "broken", comment: broken[n - 1] }] : n % 2 ? [{ tag: "low_charge" }] : [],
    };
  });
}

const CAR_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** The Drive vehicle backend: car/details for many vehicles at once, car/control for one. */
export class DriveEmulator extends OpenApiService<operations> {
  cars: EmulatedCar[] = driveDemoData();

  constructor() {
    super("drive", upstreamSpec("drive"), {
      carDetails: ({ query }) => this.details(query.car_id),
      carControl: ({ body }) => this.control(body.car_id, body.action),
    });
  }

  async reset(cars: EmulatedCar[] = driveDemoData()): Promise<void> {
    this.cars = cars;
    this.journal.length = 0;
    await this.clearFault();
  }

  car(id: string): EmulatedCar | undefined {
    return this.cars.find((c) => c.car_id === id);
  }

  private details(carIdParam: string): HandlerResponse {
    const ids = carIdParam.split(",");
    if (ids.length > 50 || !ids.every((id) => CAR_ID.test(id))) {
      return { status: 400, body: { code: "BAD_REQUEST", message: "car_id: 1 to 50 ids separated by commas" } };
    }
    const cars = ids.map((id) => this.car(id)).filter((c): c is EmulatedCar => c !== undefined);
    return { status: 200, body: { cars: cars.map(({ controlFailure: _hidden, ...car }) => car) } };
  }

  private control(carId: string, action: string): HandlerResponse {
    const car = this.car(carId);
    if (!car) return { status: 404 };
    if (car.controlFailure) return { status: 200, body: { car_id: carId, action, status: "failed", message: car.controlFailure } };
    return { status: 200, body: { car_id: carId, action, status: "ok" } };
  }
}
