/**
 * Local mode's demo operators and the example document that Apollo Sandbox and the offline
 * GraphiQL (/graphiql) open with. test/local-mode.test.ts runs every operation below, in order, on
 * a fresh start: an example that fails there fails the test.
 */
import { Role } from "../gateway/operators/operator.entity";

export interface DemoOperator {
  login: string;
  telegramId: number;
  roles: Role[];
  placeId?: string;
  /** how the chat page names them */
  label: string;
}

export const DEMO_OPERATORS: DemoOperator[] = [
  { login: "demo_keeper", telegramId: 1001, roles: [Role.ACCUMULATOR_KEEPER], label: "demo_keeper — выдаёт аккумуляторы" },
  { login: "demo_mechanic", telegramId: 1002, roles: [Role.REPAIRER], placeId: "wh-1", label: "demo_mechanic — ремонтник" },
  {
    login: "demo_admin",
    telegramId: 1003,
    roles: [Role.ADMIN, Role.ACCUMULATOR_KEEPER, Role.REPAIRER],
    placeId: "wh-1",
    label: "demo_admin — админ (все роли)",
  },
  { login: "demo_manager", telegramId: 1004, roles: [Role.MANAGER], label: "demo_manager — менеджер (статистика)" },
];

/** The operations of SANDBOX_DOCUMENT, in the order they are meant to be run. */
export const SANDBOX_OPERATIONS = ["Me", "OpenGive", "Scan", "Done", "StartRepair", "StartJob", "EndJob", "Blink", "EndRepair", "Card"] as const;

export const SANDBOX_DOCUMENT = `# Local mode: the header acts as demo_admin (all roles, warehouse wh-1). Run the operations one at a time, top to bottom.
query Me { me { state operator { login roles placeId } handover { id kind } repair { id vehicleId } } }

# Battery handover at an offline cabinet (cab-1, contractor ctr-1 booked acc-1001..acc-1003)
mutation OpenGive { bookingInfo(cabinetId: "cab-1", contractorId: "ctr-1", kind: GIVE) { accumulators { accumulatorId cellId chargePercent done } cellsForReturn } }
mutation Scan { accumulatorTaken(accumulatorId: "acc-1001") { scan { accumulatorId delivery expected message } duplicate done expected } }
mutation Done { finishHandover { scans { accumulatorId delivery deliveredAt } booked { accumulatorId done } } }

# Scooter repair (warehouse wh-1, scooters sc-1001..sc-1012)
mutation StartRepair { startRepair(input: { repairId: "demo-repair-1", vehicleId: "sc-1001" }) { id status mileageAtStartKm } }
mutation StartJob { startJob(input: { repairId: "demo-repair-1", jobId: "demo-job-1", type: "FENDERS", variant: "REPLACE" }) { id status } }
mutation EndJob { endJob(jobId: "demo-job-1") { status durationSeconds } }
mutation Blink { scooterControl(vehicleId: "sc-1001", action: BLINK_LIGHT) { ok outcome message } }
mutation EndRepair { endRepair(repairId: "demo-repair-1") { status durationSeconds jobs { type { title } status } } }
query Card { scooter(vehicleId: "sc-1001") { mileageKm brokenComment firmware { block version } lastRepair { id } repairs { status jobs { type { title } } } } }
`;
