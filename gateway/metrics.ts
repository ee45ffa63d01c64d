import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

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
    help: "Calls to upstream services by service, operation and outcome (ok, rejected, unavailable)",
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

  readonly outboxDelivered = new Counter({
    name: "scooter_ops_outbox_deliveries_total",
    help: "Scans delivered late by the outbox, by outcome",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
