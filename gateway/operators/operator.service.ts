import type { EntityManager } from "@mikro-orm/postgresql";
import { LOGIN, normalizeLogin } from "../config";
import { BadUserInputError, ConflictError, NotFoundError } from "../errors";
import { Operator, Role } from "./operator.entity";
import type { RequestScope } from "../scope";
import { PlaceService } from "../places/place.service";

export interface OperatorChanges {
  login: string;
  roles: Role[];
  /** undefined keeps the current place, null clears it */
  placeId?: string | null;
}

/** Operators and their places: who may use the service and as what. */
export class OperatorService {
  constructor(private readonly scope: RequestScope) {}

  static parseLogin(raw: string): string {
    const login = normalizeLogin(raw);
    if (!LOGIN.test(login)) {
      throw new BadUserInputError(`"${raw.slice(0, 40)}" is not a login: a Telegram username, letters, digits and _ only.`, "login").with({
        reason: "NOT_A_LOGIN",
      });
    }
    return login;
  }

  list(): Promise<Operator[]> {
    return this.scope.em.find(Operator, {}, { orderBy: { login: "asc" } });
  }

  /** Allows a login (again) with these roles; an unknown place is BAD_USER_INPUT. */
  async upsert(changes: OperatorChanges): Promise<Operator> {
    const login = OperatorService.parseLogin(changes.login);
    const roles = [...new Set(changes.roles)];
    if (roles.length === 0) throw new BadUserInputError("Give the operator at least one role.", "roles").with({ reason: "NO_ROLES" });
    const placeId = changes.placeId == null ? changes.placeId : await new PlaceService(this.scope).validPlace(changes.placeId);

    // the place was asked of scooters-misc above: no connection is held across that call
    return this.scope.em.transactional(async (em) => {
      const operator = (await em.findOne(Operator, { login })) ?? em.create(Operator, { login, roles });
      if (!roles.includes(Role.ADMIN)) await assertAnotherAdmin(em, operator);
      operator.roles = roles;
      operator.active = true;
      if (placeId !== undefined) operator.placeId = placeId;
      return operator;
    });
  }

  async deactivate(rawLogin: string): Promise<Operator> {
    const login = OperatorService.parseLogin(rawLogin);
    return this.scope.em.transactional(async (em) => {
      const operator = await em.findOne(Operator, { login });
      if (!operator) throw new NotFoundError(`There is no operator ${login}.`).with({ reason: "NO_OPERATOR" });
      await assertAnotherAdmin(em, operator);
      operator.active = false;
      return operator;
    });
  }

  /** The caller's warehouse. The caller as identity gives it is only read: the change goes through the entity manager. */
  async setPlace(caller: Operator, rawPlaceId: string): Promise<Operator> {
    const placeId = await new PlaceService(this.scope).validPlace(rawPlaceId);
    const operator = await this.scope.em.findOneOrFail(Operator, { login: caller.login });
    operator.placeId = placeId;
    await this.scope.em.flush();
    caller.placeId = placeId;
    return operator;
  }

  /** BOOTSTRAP_ADMINS: these logins are active admins from the first start, keeping any other roles. */
  static async bootstrapAdmins(em: EntityManager, logins: string[]): Promise<void> {
    for (const login of logins) {
      await em.execute(
        `insert into "operator" ("login", "roles", "active") values (?, ?, true)
         on conflict ("login") do update
           set "active" = true,
               "roles" = case when ? = any("operator"."roles") then "operator"."roles" else "operator"."roles" || ? end,
               "updated_at" = now()`,
        [login, `{${Role.ADMIN}}`, Role.ADMIN, `{${Role.ADMIN}}`],
      );
    }
  }
}

/**
 * An active admin about to lose the role or the access must not be the last one: nobody could
 * then let anyone in (only a restart with BOOTSTRAP_ADMINS could). The active admins are locked
 * first, so two admins taking each other's role at once cannot both go.
 */
async function assertAnotherAdmin(em: EntityManager, operator: Operator): Promise<void> {
  if (!operator.active || !operator.roles.includes(Role.ADMIN)) return;
  const admins = await em.execute<{ login: string }[]>(`select "login" from "operator" where "active" and ? = any("roles") for update`, [Role.ADMIN]);
  if (!admins.some((a) => a.login !== operator.login)) {
    throw new ConflictError(`${operator.login} is the last active admin; make another operator an admin first.`).with({
      reason: "LAST_ADMIN",
      login: operator.login,
    });
  }
}
