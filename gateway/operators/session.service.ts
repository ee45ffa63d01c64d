import { LockMode, type EntityDictionary } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Database } from "../db/sql";
import { Handover } from "../handover/handover.entity";
import { Repair } from "../repairs/repair.entity";
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

/**
 * The session, its open handover and its performing repair in one plain statement (the bot reads
 * it with every update: the ORM's query building for a populated findOne costs more than the read).
 */
const SESSION_SQL = `
  select s.*,
         case when h."id" is null then null else row_to_json(h) end as "scooter_ops_handover",
         case when r."id" is null then null else row_to_json(r) end as "scooter_ops_repair"
    from "operator_session" s
    left join "handover" h on h."id" = s."handover_id"
    left join "repair" r on r."id" = s."repair_id"
   where s."login" = ?`;

type SessionRow = EntityDictionary<Session> & { scooter_ops_handover: EntityDictionary<Handover> | null; scooter_ops_repair: EntityDictionary<Repair> | null };

/** The session as it is now, without a lock; NONE when the operator never had one. */
export async function readSession(em: EntityManager, login: string): Promise<Session> {
  const [row] = await new Database(em).query<SessionRow>(SESSION_SQL, [login]);
  if (!row) {
    const fresh = new Session();
    fresh.login = login;
    return fresh;
  }
  const { scooter_ops_handover: handover, scooter_ops_repair: repair, ...session } = row;
  // the handover and the repair are mapped first, so the session's references are these loaded entities
  if (handover) em.map(Handover, handover);
  if (repair) em.map(Repair, repair);
  return em.map(Session, session as EntityDictionary<Session>);
}
