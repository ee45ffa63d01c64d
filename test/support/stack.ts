import { randomBytes } from "node:crypto";
import jwt from "jsonwebtoken";
import { startGateway, type Gateway } from "../../gateway/app";
import { loadConfig } from "../../gateway/config";
import { dropDatabase, ensureDatabase } from "../../gateway/db/databases";
import { Emulators } from "../../emulators";

export const BOT_TOKEN = "test-bot-service-token";
export const JWT_SECRET = "test-jwt-secret-of-enough-length";
export const ADMIN = "boss";

/** Who a request is sent as: the bot for a Telegram user, a user JWT, a raw token, or nobody. */
export type As = { telegram: { id: number | string; username?: string } } | { jwt: string } | { token: string } | { headers: Record<string, string> } | null;

export interface GqlResponse<T = any> {
  status: number;
  data: T | null;
  errors: { message: string; path?: string[]; extensions?: Record<string, any> }[] | undefined;
  headers: Headers;
}

/** The PostgreSQL server of the machine; each test file gets its own database on it. */
export const PG_SERVER = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432";

export function signJwt(login: string, options: jwt.SignOptions = {}, secret = JWT_SECRET): string {
  return jwt.sign({ sub: login }, secret, { algorithm: "HS256", expiresIn: "1h", ...options });
}

export function headersFor(as: As): Record<string, string> {
  if (!as) return {};
  if ("headers" in as) return as.headers;
  if ("token" in as) return { authorization: `Bearer ${as.token}` };
  if ("jwt" in as) return { authorization: `Bearer ${signJwt(as.jwt)}` };
  const headers: Record<string, string> = { authorization: `Bearer ${BOT_TOKEN}`, "x-telegram-user-id": String(as.telegram.id) };
  if (as.telegram.username !== undefined) headers["x-telegram-username"] = as.telegram.username;
  return headers;
}

export async function gqlAt<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  as: As = null,
  extraHeaders: Record<string, string> = {},
): Promise<GqlResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headersFor(as), ...extraHeaders },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: GqlResponse["errors"] };
  return { status: response.status, data: body.data ?? null, errors: body.errors, headers: response.headers };
}

/** The first error code of a response, or "none". */
export function codeOf(response: GqlResponse): string {
  return response.errors?.[0]?.extensions?.code ?? "none";
}

/**
 * The real gateway over HTTP on a free port, on a database made for this test file, with the
 * upstream emulators in-process. `reset()` empties the database and restores the emulators.
 */
export class Stack {
  readonly emulators = new Emulators();
  readonly databaseUrl = `${PG_SERVER}/scooter_ops_test_${process.pid}_${randomBytes(3).toString("hex")}`;
  private gateways: Gateway[] = [];
  env: Record<string, string> = {};

  get gateway(): Gateway {
    return this.gateways[0];
  }

  get url(): string {
    return this.gateway.url;
  }

  async start(env: Record<string, string> = {}): Promise<this> {
    await ensureDatabase(this.databaseUrl);
    const upstreams = await this.emulators.start();
    this.env = {
      DATABASE_URL: this.databaseUrl,
      BOT_SERVICE_TOKEN: BOT_TOKEN,
      JWT_SECRET,
      BOOTSTRAP_ADMINS: ADMIN,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
      UPSTREAM_TIMEOUT_MS: "400",
      OUTBOX_POLL_MS: "50",
      OUTBOX_RETRY_MAX_MS: "200",
      // tests set up many operators and repairs as one admin in a few seconds; the limit has its own test
      RATE_LIMIT_MUTATIONS: "100000",
      // an open circuit tries again after 200 ms, so a fault one test left behind does not reach the next
      UPSTREAM_BREAKER_HALF_OPEN_MS: "200",
      ...upstreams,
      ...env,
    };
    await this.startGateway();
    return this;
  }

  /** Starts one more gateway process-equivalent on the same database (or the first one). */
  async startGateway(env: Record<string, string> = {}): Promise<Gateway> {
    const config = loadConfig({ ...this.env, ...env });
    const gateway = await startGateway(config, { port: 0, host: "127.0.0.1" });
    this.gateways.push(gateway);
    return gateway;
  }

  async stopGateway(gateway: Gateway = this.gateway): Promise<void> {
    await gateway.stop();
    this.gateways = this.gateways.filter((g) => g !== gateway);
  }

  gql<T = any>(query: string, variables: Record<string, unknown> = {}, as: As = null, headers: Record<string, string> = {}) {
    return gqlAt<T>(this.url, query, variables, as, headers);
  }

  /** Like gql, but fails the test on any error. */
  async ok<T = any>(query: string, variables: Record<string, unknown> = {}, as: As = null): Promise<T> {
    const response = await this.gql<T>(query, variables, as);
    if (response.errors?.length || !response.data) {
      throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
    }
    return response.data;
  }

  /** An operator allowed by the bootstrap admin. */
  async operator(login: string, roles: string[], placeId?: string): Promise<void> {
    await this.ok(`mutation($input: OperatorInput!) { upsertOperator(input: $input) { login } }`, { input: { login, roles, placeId } }, { jwt: ADMIN });
  }

  async reset(): Promise<void> {
    await this.gateway.outbox.stop();
    await this.gateway.orm.em
      .fork()
      .execute(`truncate "telegram_update", "operator_session", "handover_scan", "handover", "scooter_control", "repair_job", "repair", "operator" cascade`);
    await this.gateway.orm.em.fork().execute(`insert into "operator" ("login", "roles") values (?, '{ADMIN}')`, [ADMIN]);
    await this.gateway.orm.em.fork().execute(`update "job_type" set "active" = true`);
    await this.emulators.reset();
    this.gateway.outbox.start();
  }

  async stop(): Promise<void> {
    for (const gateway of this.gateways) await gateway.stop();
    this.gateways = [];
    await this.emulators.stop();
    await dropDatabase(this.databaseUrl);
  }
}

/** Polls until `check` returns a truthy value, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 5000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
