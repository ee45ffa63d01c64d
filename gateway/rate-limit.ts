import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind, OperationTypeNode, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from "graphql";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { GatewayContext } from "./context";
import { RateLimitedError } from "./errors";
import { settle } from "./settle";

/**
 * Mutations per operator: at most `mutations` root mutation fields per `windowSeconds`, counted in
 * this process's memory (rate-limiter-flexible's fixed window). In memory, not in PostgreSQL: the
 * limit guards each gateway process against one runaway client and must not cost a database round
 * trip on every mutation; behind N replicas one operator may get up to N times the limit, which is
 * still far beyond what a person does (a keeper scanning a whole cabinet, or a double tap, stays
 * well under it). Refused calls are RATE_LIMITED with `retryAfterSeconds`, HTTP 429 and Retry-After.
 */
export function rateLimitPlugin(settings: { mutations: number; windowSeconds: number }): ApolloServerPlugin<GatewayContext> {
  const limiter = new RateLimiterMemory({ points: settings.mutations, duration: settings.windowSeconds });
  return {
    requestDidStart() {
      return settle(() => ({
        async didResolveOperation({ operation, document, contextValue }) {
          if (operation?.operation !== OperationTypeNode.MUTATION) return;
          const login = contextValue.identity.operator?.login;
          if (!login) return; // refused anyway, by the access rules
          const fields = rootFields(operation.selectionSet, document) || 1;
          try {
            await limiter.consume(login, fields);
          } catch (error) {
            if (!(error instanceof RateLimiterRes)) throw error;
            const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
            throw new GraphQLError("rate limited", {
              originalError: new RateLimitedError(retryAfterSeconds),
              extensions: { http: { status: 429, headers: new Map([["retry-after", String(retryAfterSeconds)]]) } },
            });
          }
        },
      }));
    },
  };
}

/**
 * The root fields a selection runs, through fragment spreads and inline fragments too (30 aliased
 * mutations in a fragment are 30 mutations); @skip and @include are not read, so a skipped one
 * counts as well. Validation has already refused fragment cycles; a fragment is entered once anyway.
 */
export function rootFields(selectionSet: SelectionSetNode, document: DocumentNode, entered = new Set<string>()): number {
  let n = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) n++;
    else if (selection.kind === Kind.INLINE_FRAGMENT) n += rootFields(selection.selectionSet, document, entered);
    else if (!entered.has(selection.name.value)) {
      entered.add(selection.name.value);
      const fragment = document.definitions.find(
        (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
      );
      if (fragment) n += rootFields(fragment.selectionSet, document, entered);
    }
  }
  return n;
}
