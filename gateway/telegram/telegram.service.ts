import type { EntityManager } from "@mikro-orm/postgresql";
import { BadUserInputError } from "../errors";
import type { HandoverKind } from "../handover/handover.entity";
import { STATE_OF } from "../handover/handover.service";
import { Role, type Operator } from "../operators/operator.entity";
import type { Session } from "../operators/session.entity";

/** How long a claim holds before another replica may take the update over (the first one died). */
export const CLAIM_LEASE_SECONDS = 60;

/** Bookkeeping the bot needs so that it keeps no state of its own. */
export class TelegramService {
  constructor(private readonly em: EntityManager) {}

  /**
   * True when this caller may handle the update now: never seen, or claimed long ago by a bot
   * that did not complete it. False for an update completed or being handled elsewhere.
   */
  async claim(rawUpdateId: string): Promise<boolean> {
    const updateId = parseUpdateId(rawUpdateId);
    const rows = await this.em.execute<{ update_id: string }[]>(
      `insert into "telegram_update" ("update_id") values (?)
       on conflict ("update_id") do update set "claimed_at" = now()
         where "telegram_update"."completed_at" is null
           and "telegram_update"."claimed_at" < now() - make_interval(secs => ?)
       returning "update_id"`,
      [updateId, CLAIM_LEASE_SECONDS],
    );
    return rows.length === 1;
  }

  /**
   * Forgets handled updates claimed more than `days` ago (Telegram gives up redelivering an update
   * within a day, so none of them can come again). Returns how many were removed.
   */
  async pruneHandled(days: number): Promise<number> {
    const rows = await this.em.execute<{ n: string }[]>(
      `with gone as (delete from "telegram_update" where "claimed_at" < now() - make_interval(days => ?) returning 1)
       select count(*) as "n" from gone`,
      [days],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Records `messageId` as the newest message with live buttons in the operator's chat (null:
   * none) and gives the one recorded before, or null when it is the same or none. One statement
   * that locks, reads and writes the session row; on the operator's first keyboard the row is made
   * first, so calls that race are ordered by the lock as any others.
   */
  async replaceKeyboard(login: string, messageId: string | null): Promise<string | null> {
    const replace = () =>
      this.em.execute<{ before: string | null }[]>(
        `with "before" as (select "login", "bot_keyboard_message_id" as "id" from "operator_session" where "login" = ? for update)
         update "operator_session" s set "bot_keyboard_message_id" = ?, "updated_at" = now()
           from "before" where s."login" = "before"."login"
         returning "before"."id" as "before"`,
        [login, messageId],
      );
    let [row] = await replace();
    if (!row) {
      await this.em.execute(`insert into "operator_session" ("login") values (?) on conflict do nothing`, [login], "run");
      [row] = await replace();
    }
    const before = row?.before ?? null;
    return before === messageId ? null : before;
  }

  async complete(rawUpdateId: string): Promise<boolean> {
    const updateId = parseUpdateId(rawUpdateId);
    const rows = await this.em.execute(`update "telegram_update" set "completed_at" = now() where "update_id" = ? returning "update_id"`, [updateId]);
    return rows.length === 1;
  }
}

function parseUpdateId(raw: string): string {
  const id = raw.trim();
  if (!/^\d{1,20}$/.test(id)) throw new BadUserInputError("A Telegram update id is a number.", "updateId");
  return id;
}

/**
 * Whether a text the bot expects to be a scan of `kind` may be recorded as one right away: the
 * bot would route it so itself (a handover of that kind is open and the bot waits for no other
 * answer), and the operator may scan. Otherwise the bot handles the update as usual.
 */
export function mayScanAhead(operator: Operator, session: Session, kind: HandoverKind): boolean {
  return operator.hasRole(Role.ACCUMULATOR_KEEPER) && session.state === STATE_OF[kind] && session.botStep === null;
}
