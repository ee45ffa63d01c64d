import { createSecretKey, timingSafeEqual, type KeyObject } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import jwt from "jsonwebtoken";
import type { Logger } from "pino";
import { LOGIN, normalizeLogin } from "../config";
import { ForbiddenError, UnauthenticatedError, type DomainError } from "../errors";
import { Database } from "../db/sql";
import { Operator, Role } from "./operator.entity";

export interface IdentitySettings {
  botServiceToken: string;
  jwtSecret?: string;
}

/** The headers identity reads, lower-cased as Node gives them. */
export interface IdentityHeaders {
  authorization?: string;
  "x-telegram-user-id"?: string;
  "x-telegram-username"?: string;
}

/**
 * `via: "dashboard"`: a read-only sign-in the gateway gave (signDashboardToken): the operator reads
 * as a MANAGER whatever their roles, and cannot get another one from it.
 */
export type Identity = { operator: Operator; via: "bot" | "jwt" | "dashboard"; error?: undefined } | { operator?: undefined; error: DomainError };

const TELEGRAM_ID = /^[1-9]\d{0,19}$/;

/** jsonwebtoken builds a key object from a string secret on every verification; made once per secret here. */
const keys = new Map<string, KeyObject>();
function secretKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, "utf8"))));
  return key;
}

/** How long a dashboard sign-in from the bot lasts: a working day. */
export const DASHBOARD_SIGN_IN_HOURS = 12;
const DASHBOARD_SCOPE = "dashboard";

/**
 * A JWT for the dashboard, for `login` (a MANAGER or an ADMIN): the bot's /stats puts it in the
 * dashboard's link, so a manager signs in from the chat. It reads only (see identify), whoever
 * holds it, and ends after DASHBOARD_SIGN_IN_HOURS.
 */
export function signDashboardToken(login: string, secret: string, now = new Date()): { token: string; expiresAt: Date } {
  const exp = Math.floor(now.getTime() / 1000) + DASHBOARD_SIGN_IN_HOURS * 3600;
  const token = jwt.sign({ sub: login, scope: DASHBOARD_SCOPE, iat: Math.floor(now.getTime() / 1000), exp }, secretKey(secret), { algorithm: "HS256" });
  return { token, expiresAt: new Date(exp * 1000) };
}

/** The operator as a dashboard sign-in shows them: a MANAGER if they may read statistics, else no role. */
function readOnly(operator: Operator): Operator {
  const reads = operator.roles.includes(Role.MANAGER) || operator.roles.includes(Role.ADMIN);
  return Object.assign(Object.create(Operator.prototype) as Operator, operator, { roles: reads ? [Role.MANAGER] : [] });
}

interface OperatorRow {
  login: string;
  roles: Role[];
  place_id: string | null;
  active: boolean;
  telegram_user_id: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * The caller, by one plain statement, as a plain Operator that is read, not managed: who is
 * calling is needed by every request, and the ORM's query building and identity-map merge cost
 * more than the rest of a scan's lookups together. A service that changes an operator loads it
 * through the entity manager.
 */
async function operatorBy(em: EntityManager, column: "login" | "telegram_user_id", value: string): Promise<Operator | null> {
  const [row] = await new Database(em).query<OperatorRow>(`select * from "operator" where "${column}" = ?`, [value]);
  return row ? operatorOf(row) : null;
}

function operatorOf(row: OperatorRow): Operator {
  return Object.assign(Object.create(Operator.prototype) as Operator, {
    login: row.login,
    roles: row.roles,
    placeId: row.place_id,
    active: row.active,
    telegramUserId: row.telegram_user_id,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refused(login: string, telegramId?: string): ForbiddenError {
  const who = telegramId ? `login ${login || "(none)"}, Telegram id ${telegramId}` : `login ${login}`;
  return new ForbiddenError(`Access is closed. Ask an admin to allow ${who}.`);
}

/**
 * Who is calling (contract/README.md, "Identity"). Never throws: a refusal is returned, so the
 * GraphQL layer answers it as an error of the operation rather than an HTTP 500.
 */
export async function identify(headers: IdentityHeaders, em: EntityManager, settings: IdentitySettings, logger: Logger): Promise<Identity> {
  const header = headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) return { error: new UnauthenticatedError("Sign in: send Authorization: Bearer <token>.") };
  const token = match[1];

  if (sameSecret(token, settings.botServiceToken)) return identifyTelegramUser(headers, em, logger);

  if (token.split(".").length === 3) {
    if (!settings.jwtSecret) return { error: new UnauthenticatedError("This gateway does not accept user tokens (JWT_SECRET is not set).") };
    let login: string;
    let scope: unknown;
    try {
      const claims = jwt.verify(token, secretKey(settings.jwtSecret), { algorithms: ["HS256"] });
      if (typeof claims !== "object" || typeof claims.sub !== "string" || !LOGIN.test(normalizeLogin(claims.sub))) {
        return { error: new UnauthenticatedError("The token names no operator (claim sub).") };
      }
      // a token without an expiry would be good forever: every user token must say when it ends
      if (typeof claims.exp !== "number") return { error: new UnauthenticatedError("The token has no expiry (claim exp); get a new one.") };
      login = normalizeLogin(claims.sub);
      scope = claims.scope;
    } catch (error) {
      const expired = error instanceof jwt.TokenExpiredError;
      return { error: new UnauthenticatedError(expired ? "The token has expired; get a new one." : "The token is wrong.") };
    }
    const operator = await operatorBy(em, "login", login);
    if (!operator?.active) {
      logger.info({ login }, "refused: not an active operator");
      return { error: refused(login) };
    }
    return scope === DASHBOARD_SCOPE ? { operator: readOnly(operator), via: "dashboard" } : { operator, via: "jwt" };
  }
  return { error: new UnauthenticatedError("The token is wrong.") };
}

async function identifyTelegramUser(headers: IdentityHeaders, em: EntityManager, logger: Logger): Promise<Identity> {
  const telegramId = headers["x-telegram-user-id"]?.trim() ?? "";
  if (!TELEGRAM_ID.test(telegramId)) {
    return { error: new UnauthenticatedError("The bot's token needs X-Telegram-User-Id with the user's numeric Telegram id.") };
  }
  const given = normalizeLogin(headers["x-telegram-username"] ?? "");
  const login = LOGIN.test(given) ? given : ""; // anything else cannot be anyone's login

  const bound = await operatorBy(em, "telegram_user_id", telegramId);
  if (bound) {
    if (bound.active) return { operator: bound, via: "bot" };
    logger.info({ login: bound.login, telegramId }, "refused: operator is not active");
    return { error: refused(bound.login, telegramId) };
  }

  const operator = login ? await operatorBy(em, "login", login) : null;
  if (!operator?.active) {
    logger.info({ login, telegramId }, "refused: not an active operator");
    return { error: refused(login, telegramId) };
  }
  if (operator.telegramUserId === telegramId) return { operator, via: "bot" }; // bound a moment ago by a parallel request
  if (operator.telegramUserId !== null) {
    logger.warn({ login, telegramId, boundTo: operator.telegramUserId }, "refused: login is bound to another Telegram id");
    return { error: new ForbiddenError(`The login ${login} belongs to another Telegram account. Ask an admin.`) };
  }
  // First contact: bind the login to this Telegram id, unless someone else bound it a moment ago.
  const [justBound] = await em.execute<OperatorRow[]>(
    `update "operator" set "telegram_user_id" = ?, "updated_at" = now()
      where "login" = ? and "telegram_user_id" is null
        and not exists (select 1 from "operator" where "telegram_user_id" = ?)
      returning *`,
    [telegramId, login, telegramId],
  );
  if (!justBound) return identifyTelegramUser(headers, em.fork(), logger);
  logger.info({ login, telegramId }, "login bound to Telegram id on first contact");
  return { operator: operatorOf(justBound), via: "bot" };
}
