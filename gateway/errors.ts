import { ConnectionException } from "@mikro-orm/core";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import type { Logger } from "pino";

/** The codes of the contract (contract/README.md, "Errors"), and the one for our own faults. */
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID_STATE"
  | "UPSTREAM_REJECTED"
  | "UPSTREAM_UNAVAILABLE"
  | "UNAVAILABLE"
  | "RATE_LIMITED"
  | "INTERNAL_SERVER_ERROR";

/**
 * A rule of the domain said no. The message is for developers and logs; clients (the bot) choose
 * their own words from the code and the structured `details`, which go into `extensions` as they are.
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  /** structured facts for clients: `reason` (a stable word) and the ids it is about */
  details: Record<string, unknown> = {};
  extensions(): Record<string, unknown> {
    return {};
  }
  /** adds structured facts (see gateway/error-details.ts) */
  with(details: Record<string, unknown>): this {
    Object.assign(this.details, details);
    return this;
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = "UNAUTHENTICATED";
}
export class ForbiddenError extends DomainError {
  readonly code = "FORBIDDEN";
}
export class BadUserInputError extends DomainError {
  readonly code = "BAD_USER_INPUT";
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
  extensions() {
    return this.field ? { field: this.field } : {};
  }
}
export class NotFoundError extends DomainError {
  readonly code = "NOT_FOUND";
}
export class ConflictError extends DomainError {
  readonly code = "CONFLICT";
}
export class InvalidStateError extends DomainError {
  readonly code = "INVALID_STATE";
}

export type UpstreamService = "scooter-accumulator" | "drive" | "scooters-misc";

export interface UpstreamFailure {
  service: UpstreamService;
  status: number;
  code: string | null;
  message: string;
}

/** The upstream answered 4xx: it understood and refused. */
export class UpstreamRejectedError extends DomainError {
  readonly code = "UPSTREAM_REJECTED";
  constructor(readonly upstream: UpstreamFailure) {
    super(`${upstream.service} refused: ${upstream.message}`);
  }
  extensions() {
    return { upstream: this.upstream };
  }
}

/**
 * The upstream timed out, refused the connection, answered 5xx (or 408/425/429) after the allowed
 * attempts, or was not called at all because its circuit is open or too many calls are under way
 * (`sent: false`: nothing reached it). `retryAfterMs` is the upstream's own Retry-After, if any.
 */
export class UpstreamUnavailableError extends DomainError {
  readonly code = "UPSTREAM_UNAVAILABLE";
  constructor(
    readonly service: UpstreamService,
    readonly reason: string,
    readonly details: { sent?: boolean; retryAfterMs?: number } = {},
  ) {
    super(`${service} is not answering (${reason}); try again in a minute`);
  }
  /** false when the request never left the gateway (circuit open, too many calls at once) */
  get sent(): boolean {
    return this.details.sent ?? true;
  }
  extensions() {
    return { upstream: { service: this.service, status: null, code: null, message: this.reason } };
  }
}

/** Our own database cannot be reached: the caller should try again later (HTTP 503, Retry-After). */
export class UnavailableError extends DomainError {
  readonly code = "UNAVAILABLE";
  constructor(readonly retryAfterSeconds = UNAVAILABLE_RETRY_AFTER_S) {
    super("The service's database is not answering; try again in a few seconds.");
  }
  extensions() {
    return { retryAfterSeconds: this.retryAfterSeconds };
  }
}
export const UNAVAILABLE_RETRY_AFTER_S = 5;

/** Too many calls from one operator in a short time (HTTP 429, Retry-After). */
export class RateLimitedError extends DomainError {
  readonly code = "RATE_LIMITED";
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many changes in a short time; try again in ${retryAfterSeconds} s.`);
  }
  extensions() {
    return { retryAfterSeconds: this.retryAfterSeconds };
  }
}

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "EAI_AGAIN"]);
/**
 * SQLSTATE: class 08 (connection exception) but 08P01 (a protocol violation: bytes this process
 * sent, a bug, not an outage), 57P01-57P03 (server shutting down, cannot connect now), 53300 (too
 * many connections), 3D000 (the database is gone), 28000/28P01 (its login refused: a password
 * changed under a running service).
 */
const UNAVAILABLE_SQLSTATE = /^((?!08P01)08...|57P0[1-3]|53300|3D000|28000|28P01)$/;
const CONNECTION_MESSAGE =
  /Connection terminated|Timeout acquiring a connection|connect ECONNREFUSED|Client has encountered a connection error|the database system is (starting up|shutting down)|is not currently accepting connections/i;

/** Is this error (or its cause) "the database cannot be reached", rather than a bug? */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; originalError?: unknown };
  if (typeof e.code === "string" && (CONNECTION_CODES.has(e.code) || UNAVAILABLE_SQLSTATE.test(e.code))) return true;
  if (error instanceof ConnectionException || e.name === "KnexTimeoutError") return true;
  if (typeof e.message === "string" && CONNECTION_MESSAGE.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.originalError, depth + 1);
}

/** The domain error an unexpected one stands for, if any: a database that cannot be reached. */
function asDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  if (isDatabaseUnavailable(error)) return new UnavailableError();
  return null;
}

/** The code a client will see for this error (see createErrorFormatter). */
export function errorCode(error: unknown): string {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const domain = asDomainError(original);
  if (domain) return domain.code;
  if (original instanceof ArgumentValidationError) return "BAD_USER_INPUT";
  const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
  return typeof code === "string" && APOLLO_REQUEST_CODES.has(code) ? code : "INTERNAL_SERVER_ERROR";
}

/**
 * Codes Apollo and graphql-js give a request they refused before running it: the caller's
 * mistake, passed through with their message, logged at info.
 */
const APOLLO_REQUEST_CODES = new Set([
  "BAD_USER_INPUT",
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

/**
 * The one place where errors become what a client sees: domain errors keep their message and
 * get their code; input the schema or class-validator refused is BAD_USER_INPUT; anything else is
 * our fault, logged whole and answered with a message that leaks no stack trace or SQL.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const domain = asDomainError(original);
    if (domain) {
      if (domain !== original) logger.warn({ path: formatted.path, reason: (original as Error)?.message }, "database unreachable");
      return {
        message: domain.message,
        path: formatted.path,
        extensions: { code: domain.code, ...domain.details, ...domain.extensions() },
      };
    }
    if (original instanceof ArgumentValidationError) {
      const fields = original.extensions.validationErrors as { property: string; constraints?: Record<string, string> }[];
      const first = fields?.[0];
      const detail = first?.constraints ? Object.values(first.constraints)[0] : "invalid input";
      return {
        message: `Invalid input: ${detail}`,
        path: formatted.path,
        extensions: { code: "BAD_USER_INPUT", field: first?.property },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === "string" && APOLLO_REQUEST_CODES.has(code)) {
      logger.info({ code, message: formatted.message.slice(0, 300) }, "request refused");
      return { message: formatted.message, locations: formatted.locations, extensions: { code } };
    }
    logger.error({ err: original }, "unexpected error in a GraphQL operation");
    return {
      message: "Something went wrong on our side; the team is told. Try again in a minute.",
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}
