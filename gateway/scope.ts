import type { EntityManager } from "@mikro-orm/postgresql";
import type { Upstreams } from "./upstreams";
import type { CallContext } from "./upstreams/http";

/**
 * What a domain service needs of the request it serves: the request's entity manager, the
 * upstream clients, and the call's identity for them (its X-Request-Id). Made once per GraphQL
 * request (see app.ts) and handed to every service the request's resolvers build.
 */
export interface RequestScope {
  em: EntityManager;
  upstreams: Upstreams;
  call: CallContext;
}
