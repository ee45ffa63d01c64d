import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ClientError } from "graphql-request";
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { SdkFunctionWrapper } from "./generated/graphql";

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The bot's own Prometheus metrics (BOT_METRICS_PORT): updates by kind and outcome, how long an
 * update takes from arrival to its last reply sent, Telegram API calls by method and status (429s
 * among them), and the latency of each gateway operation.
 */
export class BotMetrics {
  readonly registry = new Registry();

  readonly updates = new Counter({
    name: "scooter_ops_bot_updates_total",
    help: "Telegram updates by kind (message, callback_query, other) and outcome (handled, duplicate, refused, not_allowed, gateway_unavailable, failed)",
    labelNames: ["kind", "outcome"] as const,
    registers: [this.registry],
  });

  readonly updateDuration = new Histogram({
    name: "scooter_ops_bot_update_duration_seconds",
    help: "From an update's arrival to its last reply sent (Telegram's per-chat pacing included)",
    labelNames: ["kind"] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  readonly telegramCalls = new Counter({
    name: "scooter_ops_bot_telegram_calls_total",
    help: "Bot API calls by method and HTTP status (429: Telegram asked to slow down; 0: no answer)",
    labelNames: ["method", "status"] as const,
    registers: [this.registry],
  });

  readonly gatewayDuration = new Histogram({
    name: "scooter_ops_bot_gateway_duration_seconds",
    help: "GraphQL calls to the gateway by operation and outcome (ok, error: GraphQL errors, unreachable)",
    labelNames: ["operation", "outcome"] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "scooter_ops_bot_" });
  }

  /** fetch for node-telegram-bot-api: counts every Bot API call by method and status */
  telegramFetch(inner: typeof fetch = fetch): typeof fetch {
    return async (input, init) => {
      const method = /\/bot[^/]+\/(\w+)$/.exec(String(input instanceof Request ? input.url : input))?.[1] ?? "other";
      try {
        const response = await inner(input, init);
        this.telegramCalls.inc({ method, status: String(response.status) });
        return response;
      } catch (error) {
        this.telegramCalls.inc({ method, status: "0" });
        throw error;
      }
    };
  }

  /**
   * The gateway client's wrapper (getSdk's): times every operation by its name. ok: data without
   * errors; error: the gateway answered with GraphQL errors or an HTTP error (graphql-request's
   * ClientError); unreachable: no answer. It reads no body of its own: the client parses it once.
   */
  gatewayWrapper(): SdkFunctionWrapper {
    return async (action, operation) => {
      const stop = this.gatewayDuration.startTimer({ operation });
      try {
        const result = await action();
        stop({ outcome: "ok" });
        return result;
      } catch (error) {
        stop({ outcome: error instanceof ClientError ? "error" : "unreachable" });
        throw error;
      }
    };
  }

  /** Serves /metrics on `port` (0: a free one). */
  async serve(port: number): Promise<{ server: Server; port: number }> {
    const server = createServer((req, res) => {
      if (req.url !== "/metrics") {
        res.writeHead(404).end();
        return;
      }
      const head = res.writeHead(200, { "content-type": this.registry.contentType });
      // the server does not wait for its handler: the body goes out once the registry has it
      void this.registry.metrics().then((body) => head.end(body));
    });
    await new Promise<void>((resolve) => server.listen(port, resolve));
    return { server, port: (server.address() as AddressInfo).port };
  }
}

/** The kind of an update, for labels. */
export function updateKind(update: object): "message" | "callback_query" | "other" {
  return "message" in update ? "message" : "callback_query" in update ? "callback_query" : "other";
}
