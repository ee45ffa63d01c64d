import { setTimeout as sleep } from "node:timers/promises";
import {
  BulkheadRejectedError,
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  IsolatedCircuitError,
  TaskCancelledError,
  bulkhead,
  circuitBreaker,
  handleType,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
} from "cockatiel";
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
/** calls that may wait for a bulkhead slot, per slot */
const QUEUED_PER_SLOT = 4;
/** the longest upstream Retry-After the gateway waits out inside one call before giving up on it */
const RETRY_AFTER_WAIT_MAX_MS = 1000;
/** answers that mean "not now", like 5xx: retried by policy, and a scan stays PENDING */
const TEMPORARY_REFUSALS = new Set([408, 425, 429]);

/** JSON request body of an openapi-typescript operation. */
export type JsonBody<Op> = Op extends { requestBody: { content: { "application/json": infer B } } } ? B : never;
/** JSON body of an operation's 200 answer. */
export type JsonOk<Op> = Op extends { responses: { 200: { content: { "application/json": infer R } } } } ? R : never;

/**
 * Resilience of one upstream (cockatiel): a circuit breaker that opens after `breakerFailures`
 * consecutive unavailable calls and lets one trial call through after `halfOpenAfterMs`, and a
 * bulkhead of `maxConcurrency` calls under way at once (4 x that waiting; more are refused): a
 * dead or hanging upstream is answered UPSTREAM_UNAVAILABLE at once instead of every caller
 * waiting out the timeout, and one upstream cannot take every socket.
 */
export interface ResilienceSettings {
  breakerFailures: number;
  halfOpenAfterMs: number;
  maxConcurrency: number;
}

export interface UpstreamOptions {
  baseUrl: string;
  token?: string;
  timeoutMs: number;
  resilience: ResilienceSettings;
  metrics: Metrics;
  logger: Logger;
}

const CIRCUIT_VALUE: Record<CircuitState, number> = {
  [CircuitState.Closed]: 0,
  [CircuitState.HalfOpen]: 0.5,
  [CircuitState.Open]: 1,
  [CircuitState.Isolated]: 1,
};

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
  private readonly guard: IPolicy;
  private readonly breaker: CircuitBreakerPolicy;

  constructor(
    readonly service: S,
    private readonly options: UpstreamOptions,
  ) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    const { breakerFailures, halfOpenAfterMs, maxConcurrency } = options.resilience;
    const breaker = (this.breaker = circuitBreaker(handleType(UpstreamUnavailableError), {
      halfOpenAfter: halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(breakerFailures),
    }));
    const circuit = options.metrics.upstreamCircuit.labels({ service });
    circuit.set(0);
    breaker.onStateChange((state) => {
      circuit.set(CIRCUIT_VALUE[state]);
      const log = state === CircuitState.Closed ? "info" : "warn";
      options.logger[log]({ service, circuit: CircuitState[state] }, "upstream circuit changed");
    });
    // the bulkhead first: a call waits for one of `maxConcurrency` slots (at most `4 x` waiting), then
    // meets the breaker, so calls that queued behind a dead upstream fail at once when its circuit opens
    this.guard = wrap(bulkhead(maxConcurrency, maxConcurrency * QUEUED_PER_SLOT), breaker);
  }

  /** One call by policy, behind the circuit breaker and the bulkhead. */
  async request<T>(operation: keyof (typeof UPSTREAM_POLICY)[S] & string, request: Request, ctx: CallContext): Promise<T> {
    const policy = (UPSTREAM_POLICY[this.service] as Record<string, CallPolicy>)[operation];
    // the whole call, waiting for a slot included, takes no longer than its attempts would
    const budgetMs = policy.attempts * this.options.timeoutMs + (policy.attempts - 1) * RETRY_PAUSE_MS;
    const deadline = AbortSignal.timeout(budgetMs);
    try {
      // cockatiel makes callers wait for the half-open trial call; a caller here must not wait on a dead service
      if (this.breaker.state === CircuitState.HalfOpen) throw new BrokenCircuitError();
      return await this.guard.execute(() => this.attempts<T>(operation, policy, request, ctx, deadline), deadline);
    } catch (error) {
      const refusal =
        error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError
          ? "its circuit is open after repeated failures"
          : error instanceof BulkheadRejectedError
            ? `${this.options.resilience.maxConcurrency * (1 + QUEUED_PER_SLOT)} calls are already under way or waiting`
            : error instanceof TaskCancelledError
              ? `no free slot within ${budgetMs} ms`
              : null;
      if (refusal === null) throw error;
      this.count(operation, "not_sent");
      throw new UpstreamUnavailableError(this.service, refusal, { sent: false });
    }
  }

  private async attempts<T>(operation: string, policy: CallPolicy, request: Request, ctx: CallContext, deadline: AbortSignal): Promise<T> {
    const url = new URL(this.baseUrl + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    const headers: Record<string, string> = { accept: "application/json", "x-request-id": ctx.requestId };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;

    let reason = "no attempt made";
    let retryAfterMs: number | undefined;
    for (let attempt = 1; attempt <= policy.attempts && !deadline.aborted; attempt++) {
      if (attempt > 1) await sleep(Math.max(RETRY_PAUSE_MS, retryAfterMs ?? 0));
      const stopTimer = this.options.metrics.upstreamDuration.startTimer({ service: this.service, operation });
      let response: Response;
      try {
        response = await fetch(url, {
          method: request.method,
          headers,
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), deadline]),
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
      if (response.status >= 400 && response.status < 500 && !TEMPORARY_REFUSALS.has(response.status)) {
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
      retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      this.options.logger.warn({ service: this.service, operation, attempt, reason, retryAfterMs, requestId: ctx.requestId }, "upstream failed");
      if (retryAfterMs !== undefined && retryAfterMs > RETRY_AFTER_WAIT_MAX_MS) break; // not worth waiting inside a request
    }
    this.count(operation, "unavailable");
    throw new UpstreamUnavailableError(this.service, reason, { retryAfterMs });
  }

  private count(operation: string, outcome: "ok" | "rejected" | "unavailable" | "not_sent") {
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

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or malformed. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), 86_400) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.min(at - now, 86_400_000));
}
