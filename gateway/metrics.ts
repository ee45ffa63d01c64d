import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The gateway's Prometheus metrics; one registry per gateway so several can run in one process (tests). */
export class Metrics {
  readonly registry = new Registry();

  readonly graphqlRequests = new Counter({
    name: "scooter_ops_graphql_requests_total",
    help: "GraphQL operations by operation name and outcome (ok or the first error code)",
    labelNames: ["operation", "outcome"] as const,
    registers: [this.registry],
  });

  readonly graphqlDuration = new Histogram({
    name: "scooter_ops_graphql_duration_seconds",
    help: "GraphQL operation latency",
    labelNames: ["operation"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly upstreamCalls = new Counter({
    name: "scooter_ops_upstream_calls_total",
    help: "Calls to upstream services by service, operation and outcome (ok, rejected, unavailable, not_sent: refused by the circuit breaker or the bulkhead)",
    labelNames: ["service", "operation", "outcome"] as const,
    registers: [this.registry],
  });

  readonly upstreamDuration = new Histogram({
    name: "scooter_ops_upstream_duration_seconds",
    help: "Upstream call latency per attempt",
    labelNames: ["service", "operation"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly upstreamCircuit = new Gauge({
    name: "scooter_ops_upstream_circuit_state",
    help: "Circuit breaker per upstream: 0 closed (calls go through), 0.5 half-open (one trial call), 1 open (calls fail at once)",
    labelNames: ["service"] as const,
    registers: [this.registry],
  });

  readonly outboxDelivered = new Counter({
    name: "scooter_ops_outbox_deliveries_total",
    help: "Scans delivered late by the outbox, by outcome",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });

  /** the slowest answer per operation over the last minute (a slow outlier must show, not only the average) */
  private readonly slowest = new SlidingMax(60_000, 6);
  readonly graphqlDurationMax = new Gauge({
    name: "scooter_ops_graphql_duration_max_seconds",
    help: "The slowest answer per operation over the last 60 s",
    labelNames: ["operation"] as const,
    registers: [this.registry],
    collect: () => {
      this.graphqlDurationMax.reset();
      for (const [operation, max] of this.slowest.current()) this.graphqlDurationMax.set({ operation }, max);
    },
  });

  private readonly operationNames = new Set<string>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** One answered GraphQL operation: counted, timed, and kept for the sliding maximum. */
  observeOperation(operation: string, outcome: string, seconds: number): void {
    this.graphqlRequests.inc({ operation, outcome });
    this.graphqlDuration.observe({ operation }, seconds);
    this.slowest.observe(operation, seconds);
  }

  /**
   * The label for an operation name. Only operations that parsed and validated against the schema
   * keep their name, at most MAX_OPERATION_NAMES distinct names of at most 64 characters; the rest are
   * "other" (and "invalid" for documents the schema refused), so a caller cannot grow the series.
   */
  operationLabel(name: string | null | undefined, validated: boolean): string {
    if (!validated) return "invalid";
    if (!name) return "anonymous";
    if (this.operationNames.has(name)) return name;
    if (name.length > 64 || this.operationNames.size >= MAX_OPERATION_NAMES) return "other";
    this.operationNames.add(name);
    return name;
  }

  /** Pending-scan backlog, read from the database when /metrics is scraped. */
  watchOutbox(read: () => Promise<{ pending: number; oldestSeconds: number }>): void {
    // the registry starts every metric's collect in one synchronous pass: both gauges share the
    // read of that pass, and the next scrape reads again
    let shared: Promise<{ pending: number; oldestSeconds: number } | null> | null = null;
    const backlog = () => {
      // both collects have begun before the read ends: once it has, the next scrape reads again
      shared ??= read()
        .catch(() => null)
        .finally(() => (shared = null));
      return shared;
    };
    new Gauge({
      name: "scooter_ops_outbox_pending_scans",
      help: "Scans scooter-accumulator has not received yet (NaN when the database cannot be read)",
      registers: [this.registry],
      async collect() {
        this.set((await backlog())?.pending ?? Number.NaN);
      },
    });
    new Gauge({
      name: "scooter_ops_outbox_oldest_pending_age_seconds",
      help: "Age of the oldest scan scooter-accumulator has not received yet; 0 when none (NaN when the database cannot be read)",
      registers: [this.registry],
      async collect() {
        this.set((await backlog())?.oldestSeconds ?? Number.NaN);
      },
    });
  }
}

const MAX_OPERATION_NAMES = 200;

/** The maximum per key over a sliding window, kept in `buckets` slices of the window. */
export class SlidingMax {
  private readonly slices = new Map<string, { slice: number; max: number }[]>();
  private readonly sliceMs: number;

  constructor(
    private readonly windowMs: number,
    private readonly buckets: number,
    private readonly now = () => Date.now(),
  ) {
    this.sliceMs = windowMs / buckets;
  }

  observe(key: string, value: number): void {
    const slice = Math.floor(this.now() / this.sliceMs);
    const list = this.slices.get(key) ?? [];
    const last = list[list.length - 1];
    if (last?.slice === slice) last.max = Math.max(last.max, value);
    else list.push({ slice, max: value });
    while (list.length > this.buckets) list.shift();
    this.slices.set(key, list);
  }

  /** [key, max] for every key seen within the window; keys not seen are forgotten. */
  current(): [string, number][] {
    const oldest = Math.floor(this.now() / this.sliceMs) - this.buckets + 1;
    const out: [string, number][] = [];
    for (const [key, list] of this.slices) {
      const live = list.filter((s) => s.slice >= oldest);
      if (live.length === 0) this.slices.delete(key);
      else out.push([key, Math.max(...live.map((s) => s.max))]);
    }
    return out;
  }
}
