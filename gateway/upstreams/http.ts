import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import { UpstreamRejectedError, UpstreamUnavailableError, type UpstreamService } from "../errors";
import type { Metrics } from "../metrics";

/** What every upstream call carries from the GraphQL request that caused it. */
export interface CallContext {
  requestId: string;
}

export interface CallPolicy {
  /** attempts in all, the first included; 1 means never retried */
  attempts: number;
}

/**
 * Timeout and retry policy of every upstream operation, in one place. Reads and upstream-idempotent
 * writes may be retried once; scans are tried once because the outbox retries them later, in order;
 * vehicle commands are never retried (a second "open lock" is not the same as one).
 */
export const UPSTREAM_POLICY = {
  "scooter-accumulator": {
    bookingInfo: { attempts: 2 },
    accumulatorTaken: { attempts: 1 },
    accumulatorReturned: { attempts: 1 },
  },
  drive: {
    carDetails: { attempts: 2 },
    carControl: { attempts: 1 },
  },
  "scooters-misc": {
    place: { attempts: 2 },
  },
} satisfies Record<UpstreamService, Record<string, CallPolicy>>;

const RETRY_PAUSE_MS = 100;

/** JSON request body of an openapi-typescript operation. */
export type JsonBody<Op> = Op extends { requestBody: { content: { "application/json": infer B } } } ? B : never;
/** JSON body of an operation's 200 answer. */
export type JsonOk<Op> = Op extends { responses: { 200: { content: { "application/json": infer R } } } } ? R : never;

export interface UpstreamOptions {
  baseUrl: string;
  token?: string;
  timeoutMs: number;
  metrics: Metrics;
  logger: Logger;
}

interface Request {
  method: "GET" | "POST";
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

/**
 * HTTP to one upstream service: timeout per attempt, retries by policy, X-Request-Id and bearer
 * token on every request, and the one mapping of failures to UPSTREAM_REJECTED (4xx) and
 * UPSTREAM_UNAVAILABLE (timeout, refused connection, 5xx after the allowed attempts).
 */
export class UpstreamHttp<S extends UpstreamService> {
  private readonly baseUrl: string;

  constructor(
    readonly service: S,
    private readonly options: UpstreamOptions,
  ) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
  }

  async request<T>(operation: keyof (typeof UPSTREAM_POLICY)[S] & string, request: Request, ctx: CallContext): Promise<T> {
    const policy = (UPSTREAM_POLICY[this.service] as Record<string, CallPolicy>)[operation];
    const url = new URL(this.baseUrl + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    const headers: Record<string, string> = { accept: "application/json", "x-request-id": ctx.requestId };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;

    let reason = "no attempt made";
    for (let attempt = 1; attempt <= policy.attempts; attempt++) {
      if (attempt > 1) await sleep(RETRY_PAUSE_MS);
      const stopTimer = this.options.metrics.upstreamDuration.startTimer({ service: this.service, operation });
      let response: Response;
      try {
        response = await fetch(url, {
          method: request.method,
          headers,
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
      } catch (error) {
        stopTimer();
        reason = describeNetworkError(error, this.options.timeoutMs);
        this.options.logger.warn({ service: this.service, operation, attempt, reason, requestId: ctx.requestId }, "upstream unreachable");
        continue;
      }
      const text = await response.text().catch(() => "");
      stopTimer();
      if (response.ok) {
        this.count(operation, "ok");
        return (text ? JSON.parse(text) : {}) as T;
      }
      if (response.status >= 400 && response.status < 500) {
        this.count(operation, "rejected");
        const body = parseErrorBody(text);
        throw new UpstreamRejectedError({
          service: this.service,
          status: response.status,
          code: body.code,
          message: body.message ?? (response.statusText || `HTTP ${response.status}`),
        });
      }
      reason = `HTTP ${response.status}`;
      this.options.logger.warn({ service: this.service, operation, attempt, reason, requestId: ctx.requestId }, "upstream failed");
    }
    this.count(operation, "unavailable");
    throw new UpstreamUnavailableError(this.service, reason);
  }

  private count(operation: string, outcome: "ok" | "rejected" | "unavailable") {
    this.options.metrics.upstreamCalls.inc({ service: this.service, operation, outcome });
  }
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = (error as { cause?: { code?: string } })?.cause;
  if (cause?.code === "ECONNREFUSED") return "connection refused";
  if (cause?.code) return `network error ${cause.code}`;
  return "network error";
}

function parseErrorBody(text: string): { code: string | null; message: string | null } {
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    return {
      code: typeof body.code === "string" ? body.code : null,
      message: typeof body.message === "string" ? body.message : null,
    };
  } catch {
    return { code: null, message: null };
  }
}
