import type { EntityDictionary } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import DataLoader from "dataloader";
import { Database } from "./db/sql";
import { BadUserInputError, UpstreamRejectedError } from "./errors";
import type { PlaceInfo } from "./places/place.types";
import { HandoverScan } from "./handover/handover.entity";
import type { ScanFacts } from "./handover/rules";
import { Operator } from "./operators/operator.entity";
import { Job, JobType, Repair } from "./repairs/repair.entity";
import type { CallContext } from "./upstreams/http";
import { CAR_DETAILS_BATCH, type CarDetails } from "./upstreams/drive";
import type { Upstreams } from "./upstreams";

/** The most distinct vehicle ids one GraphQL request asks Drive for: a `scooters` of 500 ids, each in two spellings. */
export const MAX_DRIVE_VEHICLES_PER_REQUEST = 1000;
/** The most car/details calls one GraphQL request makes: its batches of 50, and some halving of refused ones. */
export const MAX_DRIVE_CALLS_PER_REQUEST = 60;

function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

function groupBy<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

const TYPE_PREFIX = "type:";
let jobTypeSelect: string | undefined;
/** The job type's columns as `t."code" as "type:code", …`: made once, from the entity's metadata, not per request. */
function jobTypeColumns(em: EntityManager): string {
  jobTypeSelect ??= em
    .getMetadata()
    .get(JobType.name)
    .props.flatMap((p) => p.fieldNames ?? [])
    .map((c) => `t."${c}" as "${TYPE_PREFIX}${c}"`)
    .join(", ");
  return jobTypeSelect;
}

/**
 * Per-request batch loaders: a list of N handovers, repairs or vehicles costs one query (or one
 * Drive request per 50 vehicles) per relation, not N. They live as long as one GraphQL request.
 */
export function createLoaders(em: EntityManager, upstreams: Upstreams, call: CallContext) {
  // plain statements, rows made entities of this request's `em` (the ORM's query building costs more than these reads)
  const db = new Database(em);
  const rowsOf = async <T extends object>(entity: new () => T, statement: string, params: unknown[]): Promise<T[]> =>
    (await db.query<EntityDictionary<T>>(statement, params)).map((row) => em.map<T>(entity, row));

  /**
   * What a vehicle card shows of its repairs, in one statement per batch: the performing repair
   * (ACTIVE), the newest completed one (LAST) and the newest `first` (RECENT, one arm per page
   * size asked). Keys are "part\u0000vehicleId\u0000first"; a card asks all three in one tick, so
   * they cost one round trip, not three.
   */
  const vehicleRepairs = new DataLoader<string, Repair[], string>(async (keys) => {
    const parsed = keys.map((key) => {
      const [part, vehicleId, first] = key.split("\u0000");
      return { key, part, vehicleId, first: Number(first) };
    });
    const idsOf = (part: string, first?: number) => [
      ...new Set(parsed.filter((p) => p.part === part && (first === undefined || p.first === first)).map((p) => p.vehicleId)),
    ];
    const arms: string[] = [];
    const params: unknown[] = [];
    const active = idsOf("ACTIVE");
    if (active.length) {
      arms.push(`select 'ACTIVE' as "part", 0::bigint as "rank", r.* from "repair" r where r.vehicle_id = any(?) and r.status = 'PERFORMING'`);
      params.push(active);
    }
    const last = idsOf("LAST");
    if (last.length) {
      arms.push(`select * from (select distinct on (r.vehicle_id) 'LAST' as "part", 0::bigint as "rank", r.* from "repair" r
                  where r.vehicle_id = any(?) and r.status = 'COMPLETED' order by r.vehicle_id, r.started_at desc, r.id desc) l`);
      params.push(last);
    }
    for (const first of new Set(parsed.filter((p) => p.part === "RECENT").map((p) => p.first))) {
      arms.push(`select * from (select 'RECENT:${first}' as "part", row_number() over (partition by r.vehicle_id order by r.started_at desc, r.id desc) as "rank", r.*
                  from "repair" r where r.vehicle_id = any(?)) ranked where "rank" <= ?`);
      params.push(idsOf("RECENT", first), first);
    }
    const rows = await db.query<EntityDictionary<Repair> & { part: string }>(
      `${arms.map((arm) => `(${arm})`).join(" union all ")} order by "started_at" desc, "id" desc`,
      params,
    );
    const result = new Map<string, Repair[]>(keys.map((key) => [key, []]));
    for (const row of rows) {
      const [part, first] = row.part.split(":");
      const repair = em.map(Repair, row);
      result.get(`${part}\u0000${repair.vehicleId}\u0000${first ?? ""}`)?.push(repair);
    }
    return keys.map((key) => result.get(key)!);
  });

  // what one GraphQL request may cost Drive, aliases and all: vehicles asked for, and requests
  let carsAsked = 0;
  let driveCalls = 0;
  const carsOf = async (ids: readonly string[]): Promise<(CarDetails | null | Error)[]> => {
    driveCalls++;
    try {
      const { cars } = await upstreams.drive.carDetails(ids, call);
      return byKey(ids, cars, (c) => c.car_id);
    } catch (error) {
      // halving finds the few ids Drive refuses; past the budget, the rest of a refused batch shares its refusal
      if (!(error instanceof UpstreamRejectedError) || ids.length === 1 || driveCalls >= MAX_DRIVE_CALLS_PER_REQUEST) return ids.map(() => error as Error);
      const half = Math.ceil(ids.length / 2);
      return [...(await carsOf(ids.slice(0, half))), ...(await carsOf(ids.slice(half)))];
    }
  };
  const carsWithin = async (ids: readonly string[]): Promise<(CarDetails | null | Error)[]> => {
    const room = Math.max(0, MAX_DRIVE_VEHICLES_PER_REQUEST - carsAsked);
    carsAsked += ids.length;
    const tooMany = () =>
      new BadUserInputError(
        `One request may ask Drive for at most ${MAX_DRIVE_VEHICLES_PER_REQUEST} vehicle ids; ask for the rest in another.`,
        "vehicleIds",
      ).with({
        reason: "TOO_MANY",
      });
    if (room === 0) return ids.map(tooMany);
    const asked = await carsOf(ids.slice(0, room));
    return [...asked, ...ids.slice(room).map(tooMany)];
  };

  const jobType = new DataLoader<string, JobType | null>(async (codes) =>
    byKey(codes, await rowsOf(JobType, `select * from "job_type" where "code" = any(?)`, [[...codes]]), (t) => t.code),
  );
  // a repair's jobs with their types' columns: the jobs and their titles are one round trip
  const jobsOfRepair = new DataLoader<string, Job[]>(async (ids) => {
    const rows = await db.query<Record<string, unknown>>(
      `select j.*, ${jobTypeColumns(em)} from "repair_job" j join "job_type" t on t."code" = j."type_code" where j."repair_id" = any(?) order by j."started_at", j."id"`,
      [[...ids]],
    );
    const typed = new Set<string>();
    const jobs = rows.map((row) => {
      const job: Record<string, unknown> = {};
      const type: Record<string, unknown> = {};
      for (const [column, value] of Object.entries(row)) {
        if (column.startsWith(TYPE_PREFIX)) type[column.slice(TYPE_PREFIX.length)] = value;
        else job[column] = value;
      }
      const code = type.code as string;
      if (!typed.has(code)) {
        typed.add(code);
        jobType.prime(code, em.map(JobType, type as EntityDictionary<JobType>));
      }
      return em.map(Job, job as EntityDictionary<Job>);
    });
    return groupBy(ids, jobs, (j) => j.repair.id);
  });

  return {
    operator: new DataLoader<string, Operator | null>(async (logins) =>
      byKey(logins, await rowsOf(Operator, `select * from "operator" where "login" = any(?)`, [[...logins]]), (o) => o.login),
    ),
    /** what the progress of a handover reads of its scans (its booked list's ticks, done): two columns, no entities */
    scanFactsOfHandover: new DataLoader<string, (ScanFacts & { handoverId: string })[]>(async (ids) =>
      groupBy(
        ids,
        await db.query<ScanFacts & { handoverId: string }>(
          `select "handover_id" as "handoverId", "accumulator_id" as "accumulatorId", "delivery" from "handover_scan" where "handover_id" = any(?) order by "id"`,
          [[...ids]],
        ),
        (s) => s.handoverId,
      ),
    ),
    scansOfHandover: new DataLoader<string, HandoverScan[]>(async (ids) =>
      groupBy(ids, await rowsOf(HandoverScan, `select * from "handover_scan" where "handover_id" = any(?) order by "id"`, [[...ids]]), (s) => s.handover.id),
    ),
    /**
     * Drive's car/details: one request per 50 distinct vehicles; null for a vehicle Drive does not
     * know. When Drive refuses a batch (4xx, e.g. one malformed id), the batch is halved until the
     * refused ids are alone: each of them gets the refusal, the others their details. One request
     * asks for at most MAX_DRIVE_VEHICLES_PER_REQUEST distinct ids in at most
     * MAX_DRIVE_CALLS_PER_REQUEST calls, however many fields and aliases ask.
     */
    car: new DataLoader<string, CarDetails | null>((ids) => carsWithin(ids), { maxBatchSize: CAR_DETAILS_BATCH }),
    jobsOfRepair,
    jobType,
    /** the vehicle's performing repair (at most one: repair_one_performing_per_vehicle) */
    performingRepairOfVehicle: async (vehicleId: string): Promise<Repair | null> => (await vehicleRepairs.load(`ACTIVE\u0000${vehicleId}\u0000`))[0] ?? null,
    /** the vehicle's newest COMPLETED repair */
    lastCompletedRepairOfVehicle: async (vehicleId: string): Promise<Repair | null> => (await vehicleRepairs.load(`LAST\u0000${vehicleId}\u0000`))[0] ?? null,
    /** scooters-misc's name of a place; null when it does not know it or does not answer (names are a nicety) */
    place: new DataLoader<string, PlaceInfo | null>((ids) =>
      Promise.all(
        ids.map((id) =>
          upstreams.scootersMisc.placeForName(id, call).then(
            (p) => ({ placeId: p.place_id, name: p.name, city: p.city ?? null }),
            () => null,
          ),
        ),
      ),
    ),
    /** newest first, at most `first` per vehicle */
    repairsOfVehicle: (vehicleId: string, first: number) => vehicleRepairs.load(`RECENT\u0000${vehicleId}\u0000${first}`),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
