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

/** The upstream timed out, refused the connection or answered 5xx after the allowed attempts. */
export class UpstreamUnavailableError extends DomainError {
  readonly code = "UPSTREAM_UNAVAILABLE";
  constructor(
    readonly service: UpstreamService,
    readonly reason: string,
  ) {
    super(`${service} is not answering (${reason}); try again in a minute`);
  }
  extensions() {
    return { upstream: { service: this.service, status: null, code: null, message: this.reason } };
  }
}

/** The code a client will see for this error (see createErrorFormatter). */
export function errorCode(error: unknown): string {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof DomainError) return original.code;
  if (original instanceof ArgumentValidationError) return "BAD_USER_INPUT";
  const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
  return typeof code === "string" && APOLLO_INPUT_CODES.has(code) ? code : "INTERNAL_SERVER_ERROR";
}

const APOLLO_INPUT_CODES = new Set(["BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED", "BAD_REQUEST"]);

/**
 * The one place where errors become what a client sees: domain errors keep their message and
 * get their code; input the schema or class-validator refused is BAD_USER_INPUT; anything else is
 * our fault, logged whole and answered with a message that leaks no stack trace or SQL.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof DomainError) {
      return {
        message: original.message,
        path: formatted.path,
        extensions: { code: original.code, ...original.details, ...original.extensions() },
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
    if (typeof code === "string" && APOLLO_INPUT_CODES.has(code)) {
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
