import type { operations } from "../gateway/upstreams/generated/scooter-accumulator";
import { OpenApiService, type HandlerResponse } from "./openapi-service";
import { upstreamSpec } from "./paths";

export interface EmulatedAccumulator {
  id: string;
  chargePercent: number;
  /** where it stands, when it is in a cabinet */
  cabinetId: string | null;
  cellId: string | null;
  /** the contractor holding it, when it is out of the cabinets */
  holder: string | null;
}

export interface EmulatedBooking {
  cabinetId: string;
  contractorId: string;
  /** charged accumulators booked for the contractor to take */
  accumulators: string[];
  /** empty cells booked for the contractor's discharged accumulators */
  cellsForReturn: string[];
}

export interface AccumulatorDemoData {
  cabinets: string[];
  accumulators: EmulatedAccumulator[];
  bookings: EmulatedBooking[];
}

/** A few cabinets, bookings and contractors holding discharged accumulators. */
export function accumulatorDemoData(): AccumulatorDemoData {
  const accumulators: EmulatedAccumulator[] = [];
  const inCabinet = (id: string, cabinetId: string, cellId: string, chargePercent = 100) =>
    accumulators.push({ id, chargePercent, cabinetId, cellId, holder: null });
  const held = (id: string, holder: string, chargePercent = 12) => accumulators.push({ id, chargePercent, cabinetId: null, cellId: null, holder });

  for (let i = 1; i <= 8; i++) inCabinet(`acc-${1000 + i}`, "cab-1", `cab-1-c${i}`, 90 + i);
  for (let i = 1; i <= 6; i++) inCabinet(`acc-${2000 + i}`, "cab-2", `cab-2-c${i}`, 95);
  for (let i = 1; i <= 4; i++) inCabinet(`acc-${3000 + i}`, "cab-3", `cab-3-c${i}`, 100);
  held("acc-9001", "ctr-1");
  held("acc-9002", "ctr-1");
  held("acc-9003", "ctr-1");
  held("acc-9011", "ctr-2");
  held("acc-9012", "ctr-2");

  return {
    cabinets: ["cab-1", "cab-2", "cab-3"],
    accumulators,
    bookings: [
      { cabinetId: "cab-1", contractorId: "ctr-1", accumulators: ["acc-1001", "acc-1002", "acc-1003"], cellsForReturn: ["cab-1-r1", "cab-1-r2", "cab-1-r3"] },
      { cabinetId: "cab-2", contractorId: "ctr-2", accumulators: ["acc-2001", "acc-2002"], cellsForReturn: ["cab-2-r1", "cab-2-r2"] },
      { cabinetId: "cab-3", contractorId: "ctr-1", accumulators: ["acc-3001"], cellsForReturn: [] },
    ],
  };
}

const error = (status: number, code: string, message: string): HandlerResponse => ({ status, body: { code, message } });

/** The battery-cabinet service with cabinets that never answer: only the gateway tells it what happened. */
export class ScooterAccumulatorEmulator extends OpenApiService<operations> {
  data: AccumulatorDemoData = accumulatorDemoData();
  /** who took (GIVE) or returned (GET) each accumulator by hand, as scooter-accumulator remembers it */
  private readonly takenBy = new Map<string, { cabinetId: string; contractorId: string }>();
  private readonly returnedBy = new Map<string, { cabinetId: string; contractorId: string }>();

  constructor() {
    super("scooter-accumulator", upstreamSpec("scooter-accumulator"), {
      bookingInfo: ({ body }) => this.bookingInfo(body.cabinet_id, body.contractor_id),
      accumulatorTaken: ({ body }) => this.taken(body.cabinet_id, body.contractor_id, body.accumulator_id),
      accumulatorReturned: ({ body }) => this.returned(body.cabinet_id, body.contractor_id, body.accumulator_id),
    });
  }

  /** Demo data back, journal emptied, faults cleared. */
  async reset(data: AccumulatorDemoData = accumulatorDemoData()): Promise<void> {
    this.data = data;
    this.takenBy.clear();
    this.returnedBy.clear();
    this.acceptEveryScanAt.clear();
    this.journal.length = 0;
    await this.clearFault();
  }

  accumulator(id: string): EmulatedAccumulator | undefined {
    return this.data.accumulators.find((a) => a.id === id);
  }

  /**
   * accumulator/validate_booked_taken, as the contractor's app calls it after a manual handover:
   * every booked accumulator is recorded as taken by this contractor, so no cabinet is needed.
   */
  validateBookedTaken(cabinetId: string, contractorId: string): boolean {
    const booking = this.booking(cabinetId, contractorId);
    if (!booking) return false;
    return booking.accumulators.every((id) => {
      const taken = this.takenBy.get(id);
      return taken?.cabinetId === cabinetId && taken.contractorId === contractorId && this.accumulator(id)?.holder === contractorId;
    });
  }

  private booking(cabinetId: string, contractorId: string): EmulatedBooking | undefined {
    return this.data.bookings.find((b) => b.cabinetId === cabinetId && b.contractorId === contractorId);
  }

  private bookingInfo(cabinetId: string, contractorId: string): HandlerResponse {
    if (!this.data.cabinets.includes(cabinetId)) return error(404, "NOT_FOUND", `unknown cabinet ${cabinetId}`);
    const booking = this.booking(cabinetId, contractorId);
    if (!booking) return error(404, "NOT_FOUND", `contractor ${contractorId} has no booking at cabinet ${cabinetId}`);
    const stillInCabinet = booking.accumulators.map((id) => this.accumulator(id)!).filter((a) => a.cabinetId === cabinetId);
    return {
      status: 200,
      body: {
        cabinet_id: cabinetId,
        contractor_id: contractorId,
        accumulators: stillInCabinet.map((a) => ({ accumulator_id: a.id, cell_id: a.cellId ?? undefined, charge_percent: a.chargePercent })),
        cells_for_return: booking.cellsForReturn
          .filter((cellId) => !this.data.accumulators.some((a) => a.cellId === cellId))
          .map((cellId) => ({ cell_id: cellId })),
      },
    };
  }

  /** cabinets where every scan is accepted as it comes (the benchmark's, with accumulators by the thousand) */
  readonly acceptEveryScanAt = new Set<string>();

  private taken(cabinetId: string, contractorId: string, accumulatorId: string): HandlerResponse {
    if (this.acceptEveryScanAt.has(cabinetId)) return { status: 200, body: { accumulator_id: accumulatorId, status: "taken" } };
    if (!this.data.cabinets.includes(cabinetId)) return error(404, "NOT_FOUND", `unknown cabinet ${cabinetId}`);
    const accumulator = this.accumulator(accumulatorId);
    if (!accumulator) return error(404, "NOT_FOUND", `unknown accumulator ${accumulatorId}`);
    const already = this.takenBy.get(accumulatorId);
    if (already?.cabinetId === cabinetId && already.contractorId === contractorId && accumulator.holder === contractorId) {
      return { status: 200, body: { accumulator_id: accumulatorId, status: "taken" } };
    }
    const booking = this.booking(cabinetId, contractorId);
    if (!booking?.accumulators.includes(accumulatorId)) {
      return error(409, "NOT_BOOKED", `accumulator ${accumulatorId} is not booked for contractor ${contractorId} at cabinet ${cabinetId}`);
    }
    if (accumulator.cabinetId !== cabinetId) {
      return error(409, "NOT_IN_CABINET", `accumulator ${accumulatorId} is not in cabinet ${cabinetId}`);
    }
    accumulator.cabinetId = null;
    accumulator.cellId = null;
    accumulator.holder = contractorId;
    this.takenBy.set(accumulatorId, { cabinetId, contractorId });
    return { status: 200, body: { accumulator_id: accumulatorId, status: "taken" } };
  }

  private returned(cabinetId: string, contractorId: string, accumulatorId: string): HandlerResponse {
    if (!this.data.cabinets.includes(cabinetId)) return error(404, "NOT_FOUND", `unknown cabinet ${cabinetId}`);
    const accumulator = this.accumulator(accumulatorId);
    if (!accumulator) return error(404, "NOT_FOUND", `unknown accumulator ${accumulatorId}`);
    const already = this.returnedBy.get(accumulatorId);
    if (already?.cabinetId === cabinetId && already.contractorId === contractorId && accumulator.cabinetId === cabinetId) {
      return { status: 200, body: { accumulator_id: accumulatorId, status: "returned" } };
    }
    if (accumulator.holder !== contractorId) {
      return error(409, "NOT_HELD", `accumulator ${accumulatorId} is not held by contractor ${contractorId}`);
    }
    const booking = this.booking(cabinetId, contractorId);
    const freeCell = booking?.cellsForReturn.find((cellId) => !this.data.accumulators.some((a) => a.cellId === cellId));
    if (!freeCell) return error(409, "NO_FREE_CELL", `no cell is booked for contractor ${contractorId} at cabinet ${cabinetId}`);
    accumulator.holder = null;
    accumulator.cabinetId = cabinetId;
    accumulator.cellId = freeCell;
    this.returnedBy.set(accumulatorId, { cabinetId, contractorId });
    return { status: 200, body: { accumulator_id: accumulatorId, status: "returned" } };
  }
}
