import { LockMode } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Session } from "./session.entity";

/**
 * The operator's session row, created on first use and locked (SELECT … FOR UPDATE) until the
 * transaction of `em` ends: every state transition of one operator runs one after another.
 */
export async function lockSession(em: EntityManager, login: string): Promise<Session> {
  const lock = { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ["handover", "repair"], refresh: true } as const;
  const found = await em.findOne(Session, { login }, lock);
  if (found) return found;
  // the operator's first step: the row is made once, then locked like any other
  await em.execute(`insert into "operator_session" ("login") values (?) on conflict do nothing`, [login], "run");
  return em.findOneOrFail(Session, { login }, lock);
}

/** The session as it is now, without a lock; NONE when the operator never had one. */
export async function readSession(em: EntityManager, login: string): Promise<Session> {
  const found = await em.findOne(Session, { login }, { populate: ["handover", "repair"] });
  if (found) return found;
  const fresh = new Session();
  fresh.login = login;
  return fresh;
}
