import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { MikroORM } from "@mikro-orm/postgresql";
import express from "express";
import { DateTimeResolver } from "graphql-scalars";
import type { Logger } from "pino";
import type { Client as PgClient } from "pg";
import QueryStream from "pg-query-stream";
import type { GatewayConfig } from "../config";
import { BadUserInputError, DomainError, ForbiddenError } from "../errors";
import { identify } from "../operators/identity";
import { Role } from "../operators/operator.entity";
import { VARIANT_TITLES } from "../repairs/variants";
import { checkFilter, placeNamesOf, whereOf, type Filter } from "./analytics.service";
import type { RepairFilter } from "./analytics.types";
import type { Upstreams } from "../upstreams";

const STATUS_RU: Record<string, string> = { PERFORMING: "идёт", COMPLETED: "выполнено", FAILED: "не получилось", CANCELLED: "отменено" };

/** What a CSV field is written from: text and numbers as PostgreSQL returns them; null and undefined are empty. */
export type CsvValue = string | number | bigint | boolean | null | undefined;

/** One field of RFC 4180 with `;` as the separator: quoted when it holds `;`, a quote, CR or LF. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvField).join(";") + "\r\n";
}

/** Numbers as Russian Excel reads them: a decimal comma. */
function decimal(value: number | null): string {
  return value === null || value === undefined ? "" : String(value).replace(".", ",");
}

/** The query parameters /export/repairs.csv reads: RepairFilter's, one value each (from, to) or repeatable. */
const EXPORT_FILTERS = ["from", "to", "vehicleId", "performer", "placeId", "status", "jobType"];

/** Midnight of a calendar day (`YYYY-MM-DD`) in a time zone, as an instant; null when the day does not exist (2026-02-31). */
export function midnightIn(day: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d\d)-(\d\d)$/.exec(day);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(y, m - 1, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  // the zone's offset at an instant: its wall clock there, read as if it were UTC, minus the instant
  const offsetAt = (instant: number): number => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat("en-GB", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      })
        .formatToParts(new Date(instant))
        .map((p) => [p.type, Number(p.value)]),
    );
    return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - instant;
  };
  const guess = utc - offsetAt(utc);
  return new Date(utc - offsetAt(guess));
}

/**
 * The query parameters of /export/repairs.csv as a RepairFilter (repeatable vehicleId, performer,
 * placeId, status, jobType). `from` and `to` are what the GraphQL API's DateTime takes (RFC 3339
 * with an offset, the same scalar checks it), or a calendar day alone, its midnight in TIME_ZONE
 * (`to` stays exclusive); a day or time that does not exist (2026-02-31, 25:00) is refused, not
 * moved to the next valid one as `new Date` would.
 */
export function filterFromQuery(query: Record<string, unknown>, timeZone: string): Filter {
  // a misspelt filter (placeIds for placeId) would quietly export the whole fleet
  const unknown = Object.keys(query).find((name) => !EXPORT_FILTERS.includes(name));
  if (unknown !== undefined) {
    throw new BadUserInputError(
      `${unknown.slice(0, 40)} is not a filter of the export; its filters are ${EXPORT_FILTERS.join(", ")}.`,
      unknown.slice(0, 40),
    ).with({
      reason: "UNKNOWN_PARAMETER",
    });
  }
  const many = (name: string): string[] | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    const values = (Array.isArray(value) ? value : [value])
      .flatMap((v) => String(v).split(","))
      .map((v) => v.trim())
      .filter(Boolean);
    return values.length ? values : undefined;
  };
  const date = (name: "from" | "to"): Date | undefined => {
    const value = query[name];
    if (value === undefined || value === "") return undefined;
    const refused = () =>
      new BadUserInputError(`${name} is not a date: RFC 3339 (2026-03-01T00:00:00+03:00) or a day (2026-03-01, its midnight in ${timeZone}).`, name);
    if (Array.isArray(value)) throw new BadUserInputError(`${name} is given more than once.`, name);
    if (typeof value !== "string") throw refused();
    const day = midnightIn(value.trim(), timeZone);
    if (day) return day;
    try {
      return DateTimeResolver.parseValue(value.trim());
    } catch {
      throw refused();
    }
  };
  const filter: RepairFilter = {
    from: date("from"),
    to: date("to"),
    vehicleIds: many("vehicleId"),
    performers: many("performer"),
    placeIds: many("placeId"),
    statuses: many("status") as RepairFilter["statuses"],
    jobTypes: many("jobType"),
  };
  return checkFilter(filter);
}

/** The SELECT of the export: times in TIME_ZONE as Excel reads them, newest repair first, jobs oldest first. */
export function exportQuery(f: Filter, timeZone: string): { sql: string; params: unknown[] } {
  const w = whereOf(f, { lists: "any" });
  const local = (column: string) => `to_char(${column} at time zone ?, 'YYYY-MM-DD HH24:MI:SS')`;
  return {
    sql: `select r.id, r.vehicle_id, r.place_id, r.performer_login, r.status,
                 ${local("r.started_at")} as started, ${local("r.finished_at")} as finished,
                 round(extract(epoch from r.finished_at - r.started_at))::bigint as seconds, r.mileage_at_start_km,
                 j.id as job_id, t.title_ru as job_title, j.type_code, j.variant, j.status as job_status,
                 ${local("j.started_at")} as job_started, ${local("j.finished_at")} as job_finished,
                 round(extract(epoch from j.finished_at - j.started_at))::bigint as job_seconds
            from "repair" r
            left join "repair_job" j on j.repair_id = r.id
            left join "job_type" t on t.code = j.type_code
           where ${w.sql}
           order by r.started_at desc, r.id desc, j.started_at, j.id`,
    params: [timeZone, timeZone, timeZone, timeZone, ...w.params],
  };
}

/**
 * A row of exportQuery, as pg reads it: text columns and to_char times as strings, the bigint
 * seconds as strings (pg leaves int8 as text), the double mileage as a number; the job columns
 * are null for a repair without jobs, the end times and seconds while performing.
 */
export interface ExportSqlRow {
  id: string;
  vehicle_id: string;
  place_id: string;
  performer_login: string;
  status: string;
  started: string;
  finished: string | null;
  seconds: string | null;
  mileage_at_start_km: number | null;
  job_id: string | null;
  job_title: string | null;
  type_code: string | null;
  variant: string | null;
  job_status: string | null;
  job_started: string | null;
  job_finished: string | null;
  job_seconds: string | null;
}

/**
 * Text from people or upstreams (a warehouse's name, a job type's title, ids) as Excel reads it:
 * one that begins with =, +, -, @, a tab or a CR would be taken for a formula (CSV injection,
 * OWASP), so it gets a leading apostrophe, which Excel shows as text and does not print.
 */
export function asText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The columns of the export, one row per job (a repair without jobs: one row with the job columns
 * empty), each with its value: what a person reads first (vehicle, warehouse, mechanic, statuses,
 * times, the job's Russian names), the codes and internal ids last, for joining files.
 * `places`: the warehouses' names by id, as scooters-misc gives them (empty where it gave none).
 */
const COLUMNS: readonly [title: string, value: (row: ExportSqlRow, places: ReadonlyMap<string, string>) => CsvValue][] = [
  ["самокат", (r) => asText(r.vehicle_id)],
  ["склад", (r, places) => asText(places.get(r.place_id))],
  ["склад (ID)", (r) => asText(r.place_id)],
  ["исполнитель", (r) => asText(r.performer_login)],
  ["статус ремонта", (r) => STATUS_RU[r.status] ?? r.status],
  ["начало ремонта", (r) => r.started],
  ["конец ремонта", (r) => r.finished],
  ["длительность ремонта, с", (r) => r.seconds],
  ["пробег в начале, км", (r) => decimal(r.mileage_at_start_km)],
  ["работа", (r) => asText(r.job_title)],
  ["вариант", (r) => (r.variant ? (VARIANT_TITLES[r.variant]?.ru ?? r.variant) : null)],
  ["статус работы", (r) => (r.job_status ? (STATUS_RU[r.job_status] ?? r.job_status) : null)],
  ["начало работы", (r) => r.job_started],
  ["конец работы", (r) => r.job_finished],
  ["длительность работы, с", (r) => r.job_seconds],
  ["работа (код)", (r) => r.type_code],
  ["ремонт (ID)", (r) => asText(r.id)],
  ["работа (ID)", (r) => asText(r.job_id)],
];

export const CSV_COLUMNS = COLUMNS.map(([title]) => title);

function csvRow(row: ExportSqlRow, places: ReadonlyMap<string, string>): string {
  return csvLine(COLUMNS.map(([, value]) => value(row, places)));
}

/** An error as /graphql words it: the code and the facts a client words its own sentence from (reason, field, …). */
function refuse(res: express.Response, status: number, code: string, message: string, facts: Record<string, unknown> = {}): void {
  if (status === 503) res.set("retry-after", "5");
  res
    .status(status)
    .type("application/json")
    .json({ errors: [{ message, extensions: { ...facts, code } }] });
}

/** A pg connection of knex's pool, with the flag knex's pool reads to destroy it instead of reusing it. */
type PooledConnection = PgClient & { __knex__disposed?: string };

/** The part of knex's client (which knex types as `any`) the export uses: its pool of pg connections. */
interface KnexPool {
  acquireConnection(): Promise<PooledConnection>;
  releaseConnection(connection: PooledConnection): Promise<unknown>;
}

/**
 * GET /export/repairs.csv: one row per job, for Excel (RFC 4180, `;`, UTF-8 with BOM), streamed
 * from a PostgreSQL cursor so a year of repairs never sits in memory. MANAGER and ADMIN, with a
 * JWT (or the bot's token) in Authorization, like /graphql.
 */
export function repairsExport(orm: MikroORM, config: GatewayConfig, logger: Logger, upstreams?: Upstreams): express.Router {
  const router = express.Router();
  router.get("/export/repairs.csv", async (req, res) => {
    const log = logger.child({ part: "export" });
    let filter: Filter;
    try {
      const identity = await identify(req.headers, orm.em.fork(), config, log);
      if (identity.error) throw identity.error;
      if (!identity.operator.roles.some((role) => role === Role.MANAGER || role === Role.ADMIN)) {
        throw new ForbiddenError("Only a manager or an admin can export repairs. Ask an admin for the role.");
      }
      filter = filterFromQuery(req.query, config.timeZone);
    } catch (error) {
      if (error instanceof DomainError) {
        const status = error.code === "UNAUTHENTICATED" ? 401 : error.code === "FORBIDDEN" ? 403 : 400;
        return refuse(res, status, error.code, error.message, { ...error.details, ...error.extensions() });
      }
      log.error({ err: error }, "export refused by a fault");
      return refuse(res, 503, "UNAVAILABLE", "The database cannot be reached; try again later.");
    }

    const knex = orm.em.getKnex();
    const places = await placeNames(orm, filter, upstreams, String(req.headers["x-request-id"] ?? "export"), log);
    const { sql, params } = exportQuery(filter, config.timeZone);
    const native = knex
      .raw(sql, params as never[])
      .toSQL()
      .toNative();
    const pool = knex.client as KnexPool;
    let connection: PooledConnection;
    try {
      connection = await pool.acquireConnection();
    } catch (error) {
      log.error({ err: error }, "export: no database connection");
      res.setHeader("retry-after", "5");
      return refuse(res, 503, "UNAVAILABLE", "The database cannot be reached; try again later.");
    }
    const day = new Date().toISOString().slice(0, 10);
    res.status(200);
    res.setHeader("content-type", "text/csv; charset=utf-8");
    res.setHeader("content-disposition", `attachment; filename="repairs-${day}.csv"`);
    res.setHeader("cache-control", "no-store");
    res.write("\uFEFF" + csvLine(CSV_COLUMNS));
    const rows = connection.query(new QueryStream(native.sql, native.bindings as unknown[], { batchSize: 500 }));
    const toCsv = new Transform({
      writableObjectMode: true,
      transform(row: ExportSqlRow, _encoding, done) {
        done(null, csvRow(row, places));
      },
    });
    let failed = false;
    try {
      await pipeline(rows, toCsv, res);
    } catch (error) {
      failed = true;
      // The client went away, or the database failed mid-way: the connection is not reused.
      if (!res.writableEnded) log.warn({ err: error }, "export stopped before the end");
      res.destroy();
    } finally {
      if (failed) connection.__knex__disposed = "export stopped mid-way";
      await pool.releaseConnection(connection);
    }
  });
  return router;
}

/**
 * The names of the warehouses the export holds, from scooters-misc, asked before the stream starts
 * (no database connection is held across those calls). A name it cannot give leaves the cell empty:
 * names are a nicety, the export goes on without them.
 */
async function placeNames(orm: MikroORM, filter: Filter, upstreams: Upstreams | undefined, requestId: string, log: Logger): Promise<Map<string, string>> {
  if (!upstreams) return new Map<string, string>();
  const w = whereOf(filter);
  let ids: string[];
  try {
    const rows = await orm.em.fork().execute<{ place_id: string }[]>(`select distinct r.place_id from "repair" r where ${w.sql} limit 100`, w.params);
    ids = rows.map((row) => row.place_id);
  } catch (error) {
    log.warn({ err: error }, "export: the warehouses could not be listed; names left out");
    return new Map<string, string>();
  }
  return placeNamesOf(upstreams, { requestId }, ids);
}
