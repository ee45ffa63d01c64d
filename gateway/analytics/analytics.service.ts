import type { EntityManager } from "@mikro-orm/postgresql";
import { normalizeLogin } from "../config";
import { BadUserInputError } from "../errors";
import { spellingsOf } from "../ids";
import { requireId } from "../input";
import { JobType, Repair, RepairStatus } from "../repairs/repair.entity";
import type { Upstreams } from "../upstreams";
import type { CallContext } from "../upstreams/http";
import { RepairGrouping, type DurationStats, type FleetSummary, type RepairConnection, type RepairFilter, type RepairStatsRow } from "./analytics.types";

/** The most values one filter list may hold (a dashboard picks a few; a script should page). */
const MAX_LIST = 500;
const STATUSES = new Set<string>(Object.values(RepairStatus));

/**
 * A RepairFilter checked and normalised: ids trimmed, vehicles also in their folded spelling,
 * logins lower case, empty lists dropped.
 */
export interface Filter {
  from: Date | null;
  to: Date | null;
  vehicleIds: string[];
  performers: string[];
  placeIds: string[];
  statuses: string[];
  jobTypes: string[];
}

function list(values: readonly string[] | null | undefined, field: string, what: string, normalize: (v: string) => string = (v) => v): string[] {
  if (!values || values.length === 0) return [];
  if (values.length > MAX_LIST) throw new BadUserInputError(`${field} may name at most ${MAX_LIST} values.`, `filter.${field}`);
  return [...new Set(values.map((value) => requireId(normalize(value ?? ""), `filter.${field}`, what)))];
}

/** The years a period may name: PostgreSQL has no year 0, and nothing of this fleet is older than the century. */
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;
const inRange = (date: Date): boolean => date.getUTCFullYear() >= MIN_YEAR && date.getUTCFullYear() <= MAX_YEAR;

export function checkFilter(filter: RepairFilter | null | undefined): Filter {
  const f = filter ?? {};
  const from = f.from ?? null;
  const to = f.to ?? null;
  for (const [name, date] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (date && Number.isNaN(date.getTime())) throw new BadUserInputError(`filter.${name} is not a date.`, `filter.${name}`);
    if (date && !inRange(date))
      throw new BadUserInputError(`filter.${name} must be between the years ${MIN_YEAR} and ${MAX_YEAR}.`, `filter.${name}`).with({ reason: "OUT_OF_RANGE" });
  }
  if (from && to && from.getTime() >= to.getTime()) throw new BadUserInputError("filter.from must be before filter.to.", "filter.from");
  const statuses = list(f.statuses, "statuses", "status");
  const unknown = statuses.find((s) => !STATUSES.has(s));
  if (unknown) throw new BadUserInputError(`Unknown repair status ${unknown}.`, "filter.statuses");
  return {
    from,
    to,
    // `SC-1002` finds `sc-1002` too (both spellings in the same `in` list, on the vehicle's index)
    vehicleIds: [...new Set(list(f.vehicleIds, "vehicleIds", "vehicle id").flatMap(spellingsOf))],
    performers: list(f.performers, "performers", "login", normalizeLogin),
    placeIds: list(f.placeIds, "placeIds", "place id"),
    statuses,
    jobTypes: list(f.jobTypes, "jobTypes", "job type"),
  };
}

/** SQL conditions on the repair aliased `r`, with their bindings (knex-style `?`). */
class Where {
  readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  add(condition: string, ...params: unknown[]): this {
    this.conditions.push(condition);
    this.params.push(...params);
    return this;
  }

  get sql(): string {
    return this.conditions.length ? this.conditions.join(" and ") : "true";
  }
}

/**
 * The filter as SQL on the repair `r`. `period: false` leaves out from/to, `statuses: false` the
 * statuses. Lists bind as `in (?)`, which MikroORM's execute expands; `lists: "any"` binds each
 * list as one PostgreSQL array (`= any(?)`), for the pg driver's own queries (the CSV stream).
 */
export function whereOf(f: Filter, options: { period?: boolean; statuses?: boolean; lists?: "in" | "any" } = {}): Where {
  const w = new Where();
  const inList = (column: string) => (options.lists === "any" ? `${column} = any(?)` : `${column} in (?)`);
  if (options.period !== false) {
    if (f.from) w.add(`r.started_at >= ?`, f.from);
    if (f.to) w.add(`r.started_at < ?`, f.to);
  }
  if (f.vehicleIds.length) w.add(inList("r.vehicle_id"), f.vehicleIds);
  if (f.performers.length) w.add(inList("r.performer_login"), f.performers);
  if (f.placeIds.length) w.add(inList("r.place_id"), f.placeIds);
  if (options.statuses !== false && f.statuses.length) w.add(inList("r.status"), f.statuses);
  if (f.jobTypes.length) w.add(`exists (select 1 from repair_job fj where fj.repair_id = r.id and ${inList("fj.type_code")})`, f.jobTypes);
  return w;
}

/**
 * The jobs of the counted repairs, as SQL on the job `j`. Each job carries copies of its repair's
 * start, vehicle, place and performer (kept by the database: Migration20261202040000), so a period
 * and warehouses select jobs from the covering repair_job_of_period_index without a join. The
 * narrow filters (vehicles, mechanics) and the one the copies cannot answer (the job types the
 * repair holds) select the repairs first, by their own indexes, and their jobs by repair (a
 * semi-join, only when filtered on); the repair's status alone is read from the job's copy.
 */
function jobWhereOf(f: Filter): Where {
  const w = new Where();
  if (f.from) w.add(`j.repair_started_at >= ?`, f.from);
  if (f.to) w.add(`j.repair_started_at < ?`, f.to);
  if (f.placeIds.length) w.add(`j.place_id in (?)`, f.placeIds);
  if (f.vehicleIds.length || f.performers.length || f.jobTypes.length) {
    const repairs = whereOf(f);
    w.add(`j.repair_id in (select r.id from "repair" r where ${repairs.sql})`, ...repairs.params);
  } else if (f.statuses.length) {
    w.add(`j.repair_status in (?)`, f.statuses);
  }
  return w;
}

// stored columns, date_part('epoch', finished_at - started_at): null while performing
const REPAIR_SECONDS = `r.duration_seconds`;
const JOB_SECONDS = `j.duration_seconds`;

/**
 * Aggregates over a set with columns status and secs (null while performing); `of` names other
 * columns, and `only` a condition that picks the rows counted (an aggregate's FILTER).
 */
function statusAggregates(prefix: string, of: { status: string; secs: string; only?: string } = { status: "status", secs: "secs" }): string {
  const where = (condition?: string) => {
    const all = [of.only, condition].filter(Boolean);
    return all.length ? ` filter (where ${all.join(" and ")})` : "";
  };
  const { status, secs } = of;
  return `(count(*)${where()})::int as ${prefix}count,
    (count(*)${where(`${status} = 'PERFORMING'`)})::int as ${prefix}performing,
    (count(*)${where(`${status} = 'COMPLETED'`)})::int as ${prefix}completed,
    (count(*)${where(`${status} = 'FAILED'`)})::int as ${prefix}failed,
    (count(*)${where(`${status} = 'CANCELLED'`)})::int as ${prefix}cancelled,
    (count(${secs})${where()})::int as ${prefix}ended,
    coalesce(sum(${secs})${where()}, 0)::float8 as ${prefix}total,
    (avg(${secs})${where()})::float8 as ${prefix}avg,
    percentile_cont(array[0.5, 0.9]) within group (order by ${secs})${where()} as ${prefix}pct`;
}

/**
 * The columns of statusAggregates(prefix), as pg reads them: the counts are int4, the sums and
 * means float8 (numbers), `pct` the float8[] of percentile_cont(array[0.5, 0.9]) (null when no
 * duration was counted). Every one is null where a left join found no group for the key.
 */
type StatusAggregateColumns<P extends string> = Record<`${P}${StatusCount | "total" | "avg"}`, number | null> & Record<`${P}pct`, (number | null)[] | null>;
type StatusCount = "count" | "performing" | "completed" | "failed" | "cancelled" | "ended";

/** A row of statsQuery: the key, the repairs' (r_) and jobs' (j_) aggregates, and the columns only some groupings select. */
export interface StatsSqlRow extends StatusAggregateColumns<"r_">, StatusAggregateColumns<"j_"> {
  key: string;
  /** JOB_TYPE only: the job type's title in the asked language */
  title?: string | null;
  /** VEHICLE only */
  days_in_repair?: number | null;
  /** VEHICLE only: null without two consecutive repairs with a known mileage */
  km_between?: number | null;
}

/** The one row of summaryQuery. */
export interface SummarySqlRow {
  repairs: number;
  finished: number;
  performing: number;
  failed: number;
  /** percentile_cont over no ended repair is null */
  median: number | null;
  jobs: number;
  /** job-type codes; null when no job was counted */
  frequent: string | null;
  slowest: string | null;
  in_repair: number;
}

/** A row of repairsPageQuery: the repair's columns (`r.*`, which em.map turns into a Repair) and its cursor's start time. */
export interface RepairPageSqlRow {
  id: string;
  cursor_at: string;
  [column: string]: unknown;
}

function duration(ended: number | null, total: number | null, avg: number | null, pct: (number | null)[] | null): DurationStats {
  return {
    count: ended ?? 0,
    totalSeconds: total ?? 0,
    averageSeconds: avg ?? null,
    medianSeconds: pct?.[0] ?? null,
    p90Seconds: pct?.[1] ?? null,
  };
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

function statsRow(row: StatsSqlRow, title: string | null): RepairStatsRow {
  const ended = (row.r_completed ?? 0) + (row.r_failed ?? 0) + (row.r_cancelled ?? 0);
  const jobsEnded = (row.j_completed ?? 0) + (row.j_failed ?? 0) + (row.j_cancelled ?? 0);
  return {
    key: row.key,
    title,
    repairs: row.r_count ?? 0,
    performing: row.r_performing ?? 0,
    completed: row.r_completed ?? 0,
    failed: row.r_failed ?? 0,
    cancelled: row.r_cancelled ?? 0,
    failureShare: share(row.r_failed ?? 0, ended),
    cancellationShare: share(row.r_cancelled ?? 0, ended),
    repairTime: duration(row.r_ended, row.r_total, row.r_avg, row.r_pct),
    jobs: row.j_count ?? 0,
    jobsPerforming: row.j_performing ?? 0,
    jobsCompleted: row.j_completed ?? 0,
    jobsFailed: row.j_failed ?? 0,
    jobsCancelled: row.j_cancelled ?? 0,
    jobFailureShare: share(row.j_failed ?? 0, jobsEnded),
    jobCancellationShare: share(row.j_cancelled ?? 0, jobsEnded),
    jobTime: duration(row.j_ended, row.j_total, row.j_avg, row.j_pct),
    daysInRepair: row.days_in_repair ?? null,
    kmBetweenRepairs: row.km_between ?? null,
  };
}

/** A stable cursor over (started_at, id): the start time to the microsecond, as PostgreSQL has it. */
export function encodeCursor(startedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([startedAt, id])).toString("base64url");
}

function isCursorId(id: string): boolean {
  try {
    return requireId(id, "after") === id;
  } catch {
    return false;
  }
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2) {
      const parts: unknown[] = value;
      const [startedAt, id] = parts;
      // a time that exists (not 02-31), and an id an id can be (no NUL, which PostgreSQL's protocol refuses): only what this API gave out reaches SQL
      if (typeof startedAt === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/.test(startedAt) && typeof id === "string" && isCursorId(id)) {
        const at = new Date(startedAt.slice(0, 23) + "Z");
        if (!Number.isNaN(at.getTime()) && at.toISOString().slice(0, 19) === startedAt.slice(0, 19) && inRange(at)) return [startedAt, id];
      }
    }
  } catch {
    // falls through
  }
  throw new BadUserInputError("after is not a cursor this API gave out.", "after");
}

/** A query and its knex-style bindings, as MikroORM's execute takes them (the bench EXPLAINs the same). */
export interface Query {
  sql: string;
  params: unknown[];
}

/** One page of `repairs`, newest first, after a cursor; one row more than asked tells whether there is a next page. */
export function repairsPageQuery(f: Filter, first: number, after: string | null | undefined): Query {
  const page = whereOf(f);
  if (after) {
    const [startedAt, id] = decodeCursor(after);
    page.add(`(r.started_at, r.id) < ((?::timestamp) at time zone 'UTC', ?)`, startedAt, id);
  }
  return {
    sql: `select r.*, to_char(r.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as "cursor_at"
            from "repair" r where ${page.sql}
           order by r.started_at desc, r.id desc limit ?`,
    params: [...page.params, first + 1],
  };
}

export function repairsCountQuery(f: Filter): Query {
  const w = whereOf(f);
  return { sql: `select count(*)::int as total from "repair" r where ${w.sql}`, params: w.params };
}

const limit = (first: number | null) => (first === null ? "" : " limit ?");
const limitParams = (first: number | null) => (first === null ? [] : [first]);

/** The rows of repairStats for one grouping; `first`: at most that many, in the grouping's order. */
export function statsQuery(f: Filter, groupBy: RepairGrouping, timeZone: string, language: "ru" | "en", first: number | null = null): Query {
  return groupBy === RepairGrouping.JOB_TYPE ? statsByJobType(f, language, first) : statsByRepair(f, groupBy, timeZone, first);
}

/**
 * The grouping key of a repair (`r`) or of a job (`j`, from its copies of the repair's columns):
 * the same key for a repair and its jobs. Text keys sort in the "C" collation (the same groups
 * without the cost of a linguistic sort); days and weeks group as timestamps in the time zone and
 * become YYYY-MM-DD at the end.
 */
function keyOf(groupBy: RepairGrouping, of: "r" | "j"): string {
  switch (groupBy) {
    case RepairGrouping.VEHICLE:
      return `${of}.vehicle_id collate "C"`;
    case RepairGrouping.PERFORMER:
      return `${of}.performer_login collate "C"`;
    case RepairGrouping.PLACE:
      return `${of}.place_id collate "C"`;
    case RepairGrouping.DAY:
    case RepairGrouping.WEEK:
      return `date_trunc('${groupBy === RepairGrouping.DAY ? "day" : "week"}', ${of === "r" ? "r.started_at" : "j.repair_started_at"} at time zone ?)`;
    default:
      throw new BadUserInputError(`Unknown grouping ${String(groupBy)}.`, "groupBy");
  }
}

function statsByRepair(f: Filter, groupBy: RepairGrouping, timeZone: string, first: number | null): Query {
  const w = whereOf(f);
  const jw = jobWhereOf(f);
  const byTime = groupBy === RepairGrouping.DAY || groupBy === RepairGrouping.WEEK;
  const keyParams: unknown[] = byTime ? [timeZone] : [];
  const key = keyOf(groupBy, "r");
  const jobKey = keyOf(groupBy, "j");
  const base = `with fr as (
      select r.id, r.vehicle_id, r.status, r.started_at, r.mileage_at_start_km, ${REPAIR_SECONDS} as secs, ${key} as key
        from "repair" r where ${w.sql}
    ),
    rs as (select key, ${statusAggregates("r_")} from fr group by key),
    js as (
      select key, ${statusAggregates("j_")}
        from (select ${jobKey} as key, j.status, ${JOB_SECONDS} as secs from "repair_job" j where ${jw.sql}) jobs
       group by key
    )`;
  const params = [...keyParams, ...w.params, ...keyParams, ...jw.params];
  if (groupBy !== RepairGrouping.VEHICLE) {
    const order = byTime ? `rs.key` : `rs.r_count desc, rs.key`;
    const keyOut = byTime ? `to_char(rs.key, 'YYYY-MM-DD')` : `rs.key`;
    return {
      sql: `${base} select rs.*, js.*, ${keyOut} as key from rs left join js on js.key = rs.key order by ${order}${limit(first)}`,
      params: [...params, ...limitParams(first)],
    };
  }
  // VEHICLE: days in repair count every repair overlapping the period (clipped to it and to now),
  // with the other filters; kilometres between consecutive counted repairs with a known mileage.
  // With `first`, the top vehicles are chosen by days (and repairs) before the heavier aggregates,
  // which then run for those vehicles only.
  const days = whereOf(f, { period: false });
  if (f.to) days.add(`r.started_at < ?`, f.to);
  if (f.from) days.add(`coalesce(r.finished_at, 'infinity'::timestamptz) > ?`, f.from); // repair_open_or_finished_index
  const clipFrom = f.from ? `greatest(r.started_at, ?::timestamptz)` : `r.started_at`;
  const clipTo = f.to ? `least(coalesce(r.finished_at, now()), ?::timestamptz)` : `coalesce(r.finished_at, now())`;
  const top = first !== null;
  return {
    sql: `with fa as (
      select r.id, r.vehicle_id, r.status, r.started_at, r.mileage_at_start_km, ${REPAIR_SECONDS} as secs, ${key} as key
        from "repair" r where ${w.sql}
    ),
    dr as (
      select r.vehicle_id collate "C" as key,
             (sum(greatest(0, date_part('epoch', ${clipTo} - ${clipFrom}))) / 86400)::float8 as days_in_repair
        from "repair" r where ${days.sql} group by r.vehicle_id
    ),
    ${
      top
        ? `counts as (select key, count(*) as n from fa group by key),
    top as (
      select k.key from (select key from counts union select key from dr) k
        left join counts c on c.key = k.key left join dr d on d.key = k.key
       order by coalesce(d.days_in_repair, 0) desc, c.n desc nulls last, k.key limit ?
    ),
    fr as (select * from fa where key in (select key from top)),`
        : `fr as (select * from fa),`
    }
    rs as (select key, ${statusAggregates("r_")} from fr group by key),
    js as (
      select key, ${statusAggregates("j_")}
        from (${
          top
            ? // the few top vehicles' jobs, repair by repair (lateral: an index-only lookup each in
              // repair_job_repair_id_covering_index, hence the duration from its columns, where the
              // planner, misjudging the CTE's size, would hash every job of the table)
              `select fr.key, j.status, j.secs from fr cross join lateral (
                 select j.status, date_part('epoch', j.finished_at - j.started_at) as secs from "repair_job" j where j.repair_id = fr.id) j`
            : `select ${jobKey} as key, j.status, ${JOB_SECONDS} as secs from "repair_job" j where ${jw.sql}`
        }) jobs
       group by key
    ),
    km as (
      select key, avg(delta)::float8 as km_between from (
        select key, mileage_at_start_km - lag(mileage_at_start_km) over (partition by vehicle_id order by started_at, id) as delta
          from fr where mileage_at_start_km is not null) d
       where delta >= 0 group by key
    ),
    keys as (${top ? `select key from top` : `select key from rs union select key from dr`})
    select rs.*, js.*, km.km_between, coalesce(dr.days_in_repair, 0)::float8 as days_in_repair, keys.key as key
      from keys left join rs on rs.key = keys.key left join js on js.key = keys.key
      left join km on km.key = keys.key left join dr on dr.key = keys.key
     order by days_in_repair desc, rs.r_count desc nulls last, keys.key`,
    params: [...w.params, ...orderedClip(f), ...days.params, ...(top ? [first] : []), ...(top ? [] : jw.params)],
  };
}

/**
 * JOB_TYPE: the jobs of each type, and the repairs that hold one, once per repair: each through
 * the job that is the first of its type in its repair, with its copies of the repair's status and
 * time in repair (Migration20261202070000). One pass over the period's covering index, no join.
 */
function statsByJobType(f: Filter, language: "ru" | "en", first: number | null): Query {
  const jw = jobWhereOf(f);
  if (f.jobTypes.length) jw.add(`j.type_code in (?)`, f.jobTypes);
  return {
    sql: `with s as (
      select key, ${statusAggregates("r_", { status: "repair_status", secs: "repair_secs", only: "first_of_type" })}, ${statusAggregates("j_")}
        from (select j.type_code collate "C" as key, j.status, ${JOB_SECONDS} as secs, j.repair_status, j.repair_duration_seconds as repair_secs, j.first_of_type
                from "repair_job" j where ${jw.sql}) fj
       group by key
    )
    select s.*, ${language === "en" ? `coalesce(t.title_en, t.title_ru)` : `t.title_ru`} as title
      from s left join "job_type" t on t.code = s.key
     order by s.j_count desc, s.key${limit(first)}`,
    params: [...jw.params, ...limitParams(first)],
  };
}

/** The keys of PERFORMER or PLACE rows, in their order (repairs, most first), with their repair counts and nothing else. */
export function keysQuery(f: Filter, groupBy: RepairGrouping.PERFORMER | RepairGrouping.PLACE, first: number | null): Query {
  const w = whereOf(f);
  const column = groupBy === RepairGrouping.PERFORMER ? "r.performer_login" : "r.place_id";
  return {
    sql: `select ${column} collate "C" as key, count(*)::int as r_count from "repair" r where ${w.sql} group by 1 order by r_count desc, key${limit(first)}`,
    params: [...w.params, ...limitParams(first)],
  };
}

/** The one row of fleetSummary (job types as codes). */
export function summaryQuery(f: Filter): Query {
  const w = whereOf(f);
  const jw = jobWhereOf(f); // every job of the counted repairs, as in repairStats' rows
  const now = whereOf(f, { period: false, statuses: false });
  return {
    sql: `with fr as (
        select r.id, r.status, ${REPAIR_SECONDS} as secs from "repair" r where ${w.sql}
      ),
      s as (
        select count(*)::int as repairs,
               (count(*) filter (where status <> 'PERFORMING'))::int as finished,
               (count(*) filter (where status = 'PERFORMING'))::int as performing,
               (count(*) filter (where status = 'FAILED'))::int as failed,
               percentile_cont(0.5) within group (order by secs) as median
          from fr
      ),
      jt as (
        select j.type_code, count(*)::int as n, percentile_cont(0.5) within group (order by ${JOB_SECONDS}) as median
          from "repair_job" j where ${jw.sql}
         group by j.type_code
      )
      select s.*,
             (select coalesce(sum(n), 0)::int from jt) as jobs,
             (select type_code from jt order by n desc, type_code limit 1) as frequent,
             (select type_code from jt where median is not null order by median desc, type_code limit 1) as slowest,
             (select count(distinct r.vehicle_id)::int from "repair" r where r.status = 'PERFORMING' and ${now.sql}) as in_repair
        from s`,
    params: [...w.params, ...jw.params, ...now.params],
  };
}

/**
 * Repair analytics. Every number is computed by PostgreSQL (aggregates, percentile_cont,
 * date_trunc in TIME_ZONE, window functions); no repair or job row is loaded into Node except
 * the page of `repairs` asked for. Place names come from scooters-misc after the query, so no
 * database connection is held across that call.
 */
export class AnalyticsService {
  constructor(
    private readonly em: EntityManager,
    private readonly timeZone: string,
    private readonly upstreams?: Upstreams,
    private readonly call?: CallContext,
  ) {}

  async repairs(filter: RepairFilter | null | undefined, first: number, after: string | null | undefined): Promise<RepairConnection> {
    const f = checkFilter(filter);
    const page = repairsPageQuery(f, first, after);
    const count = repairsCountQuery(f);
    const [rows, [{ total }]] = await Promise.all([
      this.em.execute<RepairPageSqlRow[]>(page.sql, page.params),
      this.em.execute<{ total: number }[]>(count.sql, count.params),
    ]);
    const edges = rows.slice(0, first).map((row) => ({ cursor: encodeCursor(row.cursor_at, row.id), node: this.em.map(Repair, row) }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: total };
  }

  /**
   * `keysOnly`: the caller reads only the keys and titles (a filter's list of warehouses or
   * mechanics), so for PERFORMER and PLACE only the repairs are counted, for the same keys in the
   * same order, and no duration is sorted for a percentile.
   */
  async stats(
    filter: RepairFilter | null | undefined,
    groupBy: RepairGrouping,
    language: "ru" | "en",
    first: number | null = null,
    keysOnly = false,
  ): Promise<RepairStatsRow[]> {
    const f = checkFilter(filter);
    const cheap = keysOnly && (groupBy === RepairGrouping.PERFORMER || groupBy === RepairGrouping.PLACE);
    const query = cheap ? keysQuery(f, groupBy, first) : statsQuery(f, groupBy, this.timeZone, language, first);
    const rows = await this.em.execute<StatsSqlRow[]>(query.sql, query.params);
    const titles = groupBy === RepairGrouping.PLACE ? await this.placeNames(rows.map((r) => r.key)) : new Map<string, string>();
    return rows.map((row) => statsRow(row, row.title ?? titles.get(row.key) ?? null));
  }

  async summary(filter: RepairFilter | null | undefined): Promise<FleetSummary> {
    const f = checkFilter(filter);
    const query = summaryQuery(f);
    const [row] = await this.em.execute<SummarySqlRow[]>(query.sql, query.params);
    const codes = [row.frequent, row.slowest].filter((c): c is string => typeof c === "string");
    const types = codes.length ? await this.em.find(JobType, { code: { $in: codes } }) : [];
    const type = (code: string | null) => types.find((t) => t.code === code) ?? null;
    return {
      repairsFinished: row.finished,
      medianRepairSeconds: row.median ?? null,
      vehiclesInRepairNow: row.in_repair,
      mostFrequentJobType: type(row.frequent),
      slowestJobType: type(row.slowest),
      repairs: row.repairs,
      performing: row.performing,
      failureShare: share(row.failed, row.finished),
      jobs: row.jobs,
    };
  }

  private placeNames(placeIds: string[]): Promise<Map<string, string>> {
    return this.upstreams && this.call ? placeNamesOf(this.upstreams, this.call, placeIds) : Promise.resolve(new Map<string, string>());
  }
}

/** Place names from scooters-misc, one call per distinct place (at most 100); a place it cannot name has none. */
export async function placeNamesOf(upstreams: Upstreams, call: CallContext, placeIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const ids = [...new Set(placeIds)].slice(0, 100);
  const results = await Promise.allSettled(ids.map((id) => upstreams.scootersMisc.placeForName(id, call)));
  results.forEach((result, i) => {
    if (result.status === "fulfilled" && typeof result.value?.name === "string") names.set(ids[i], result.value.name);
  });
  return names;
}

/** The bindings of the clipping expressions, in the order they appear in the VEHICLE query (to, then from). */
function orderedClip(f: Filter): unknown[] {
  return [...(f.to ? [f.to] : []), ...(f.from ? [f.from] : [])];
}
