import type { operations } from "../gateway/upstreams/generated/scooters-misc";
import { OpenApiService } from "./openapi-service";
import { upstreamSpec } from "./paths";

export interface EmulatedPlace {
  place_id: string;
  name: string;
  city?: string;
  kind?: string;
}

export function placesDemoData(): EmulatedPlace[] {
  return [
    { place_id: "wh-1", name: "Склад Север", city: "Москва", kind: "warehouse" },
    { place_id: "wh-2", name: "Склад Юг", city: "Москва", kind: "warehouse" },
    { place_id: "wh-3", name: "Склад Невский", city: "Санкт-Петербург", kind: "warehouse" },
    { place_id: "st-1", name: "Лавка на Тверской", city: "Москва", kind: "store" },
  ];
}

/** The directory of places: every warehouse is a place. */
export class ScootersMiscEmulator extends OpenApiService<operations> {
  places: EmulatedPlace[] = placesDemoData();

  constructor() {
    super("scooters-misc", upstreamSpec("scooters-misc"), {
      place: ({ params }) => {
        const place = this.places.find((p) => p.place_id === params.place_id);
        return place ? { status: 200, body: place } : { status: 404 };
      },
    });
  }

  async reset(places: EmulatedPlace[] = placesDemoData()): Promise<void> {
    this.places = places;
    this.journal.length = 0;
    await this.clearFault();
  }
}
