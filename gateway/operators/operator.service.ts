import type { EntityManager } from "@mikro-orm/postgresql";
import { LOGIN, normalizeLogin } from "../config";
import { BadUserInputError, NotFoundError, UpstreamRejectedError } from "../errors";
import { requireId } from "../input";
import type { CallContext } from "../upstreams/http";
import type { Upstreams } from "../upstreams";
import { Operator, Role } from "./operator.entity";


export interface OperatorChanges {
  login: string;
  roles: Role[];
  /** undefined keeps the current place, null clears it */
  placeId?: string | null;
}

/** Operators and their places: who may use the service and as what. */
export class OperatorService {
  constructor(
    private readonly em: EntityManager,
    private readonly upstreams: Upstreams,
    private readonly call: CallContext,
  ) {}

  static parseLogin(raw: string): string {
    const login = normalizeLogin(raw);
    if (!LOGIN.test(login)) {
      throw new BadUserInputError(`"${raw.slice(0, 40)}" is not a login: a Telegram username, letters, digits and _ only.`, "login").with({ reason: "NOT_A_LOGIN" });
    }
    return login;
  }

  list(): Promise<Operator[]> {
    return this.em.find(Operator, {}, { orderBy: { login: "asc" } });
  }

  /** Allows a login (again) with these roles; an unknown place is BAD_USER_INPUT. */
  async upsert(changes: OperatorChanges): Promise<Operator> {
    const login = OperatorService.parseLogin(changes.login);
    const roles = [...new Set(changes.roles)];
    if (roles.length === 0) throw new BadUserInputError("Give the operator at least one role.", "roles").with({ reason: "NO_ROLES" });
    const placeId = changes.placeId == null ? changes.placeId : await this.validPlace(changes.placeId);

    const operator = (await this.em.findOne(Operator, { login })) ?? this.em.create(Operator, { login, roles });
    operator.roles = roles;
    operator.active = true;
    if (placeId !== undefined) operator.placeId = placeId;
    await this.em.flush();
    return operator;
  }

  async deactivate(rawLogin: string): Promise<Operator> {
    const login = OperatorService.parseLogin(rawLogin);
    const operator = await this.em.findOne(Operator, { login });
    if (!operator) throw new NotFoundError(`There is no operator ${login}.`).with({ reason: "NO_OPERATOR" });
    operator.active = false;
    await this.em.flush();
    return operator;
  }

  async setPlace(operator: Operator, rawPlaceId: string): Promise<Operator> {
    operator.placeId = await this.validPlace(rawPlaceId);
    await this.em.flush();
    return operator;
  }

  /** A place scooters-misc knows; its 404 is the caller's mistake, not an upstream failure. */
  async validPlace(rawPlaceId: string): Promise<string> {
    const placeId = requireId(rawPlaceId, "placeId", "warehouse id");
    try {
      await this.upstreams.scootersMisc.place(placeId, this.call);
    } catch (error) {
      if (error instanceof UpstreamRejectedError && error.upstream.status === 404) {
        throw new BadUserInputError(`There is no warehouse ${placeId}. Check the id.`, "placeId").with({ reason: "UNKNOWN_PLACE", placeId });
      }
      throw error;
    }
    return placeId;
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
