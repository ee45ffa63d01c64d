import { OperationTypeNode } from "graphql";
import type { Logger } from "pino";
import type { AuthChecker } from "type-graphql";
import type { GatewayConfig } from "./config";
import { ForbiddenError } from "./errors";
import type { ScanOutbox } from "./handover/outbox";
import type { Loaders } from "./loaders";
import type { Identity } from "./operators/identity";
import type { Operator, Role } from "./operators/operator.entity";
import type { Upstreams } from "./upstreams";
import type { RequestScope } from "./scope";

/** What lives as long as the gateway: shared by every request. */
export interface GatewayDeps {
  config: GatewayConfig;
  upstreams: Upstreams;
  outbox: ScanOutbox;
}

/**
 * One GraphQL request: its own entity manager, loaders and logger, and who is calling. It is the
 * request's scope for the domain services too (em, upstreams, call): resolvers hand it to them.
 */
export interface GatewayContext extends RequestScope {
  requestId: string;
  /** from Accept-Language: English when it starts with "en", Russian otherwise */
  language: "ru" | "en";
  logger: Logger;
  identity: Identity;
  loaders: Loaders;
  deps: GatewayDeps;
}

/** The calling operator; throws UNAUTHENTICATED or FORBIDDEN when there is none. */
export function operatorOf(ctx: GatewayContext): Operator {
  if (ctx.identity.error) throw ctx.identity.error;
  return ctx.identity.operator;
}

const ROLE_NAMES: Record<Role, string> = {
  ADMIN: "an admin",
  ACCUMULATOR_KEEPER: "an accumulator keeper",
  REPAIRER: "a repairer",
  MANAGER: "a manager",
};

/** @Authorized(): any active operator; @Authorized(roles): one of them. A dashboard sign-in runs no mutation. */
export const authChecker: AuthChecker<GatewayContext, Role> = ({ context, info }, roles) => {
  const operator = operatorOf(context);
  // a dashboard sign-in reads only: no mutation at all, not even the caller's own settings
  if (!context.identity.error && context.identity.via === "dashboard" && info.operation.operation === OperationTypeNode.MUTATION) {
    throw new ForbiddenError("A dashboard sign-in only reads; change things from the bot.").with({ reason: "READ_ONLY" });
  }
  if (roles.length === 0 || roles.some((role) => operator.roles.includes(role))) return true;
  throw new ForbiddenError(`Only ${roles.map((r) => ROLE_NAMES[r]).join(" or ")} can do this. Ask an admin for the role.`).with({ reason: "ROLE", roles });
};
