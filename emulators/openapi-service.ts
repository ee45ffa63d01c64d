import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import { parse as parseYaml } from "yaml";
import { readBody } from "./body";

/** One request the emulator received, as tests read it. */
export interface EmulatedCall {
  operationId: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  requestId: string | null;
  authorization: string | null;
  status: number;
  at: Date;
  /**
   * The caller had gone (timed out, hung up) before the answer was written: the service did the
   * work, as a slow real one would, but nobody heard its answer.
   */
  abandoned: boolean;
}

/** What a test can make a service do: answer a status, answer slowly, or refuse connections. */
export interface Fault {
  /** answer every spec request with this HTTP status instead of handling it */
  status?: number;
  /** wait this long before handling (the work is still done, as in a slow real service) */
  delayMs?: number;
  /** close the listening socket: clients get ECONNREFUSED until the fault is cleared */
  refuse?: boolean;
  /** with `status`: the Retry-After header sent along (seconds) */
  retryAfterSeconds?: number;
}

/** A request as a handler sees it: the body already matched the operation's schema (or the operation has none: undefined). */
export interface HandlerRequest<Body = unknown> {
  params: Record<string, string>;
  query: Record<string, string>;
  body: Body;
}

export interface HandlerResponse {
  status: number;
  body?: unknown;
}

export type Handler<Body = unknown> = (request: HandlerRequest<Body>) => HandlerResponse;

/** The JSON request body of an operation as the generated types (openapi-typescript's `operations`) give it; undefined when it has none. */
type RequestBody<Operation> = Operation extends { requestBody: { content: { "application/json": infer Body } } } ? Body : undefined;

/** A handler for every operation of an API (its generated `operations`), keyed by operationId, each typed with its operation's body. */
export type Handlers<Operations> = { [OperationId in keyof Operations]: Handler<RequestBody<Operations[OperationId]>> };

/** The part of an OpenAPI 3.1 document the emulator reads (the whole document also goes to Ajv, for the schemas). */
type OpenApiDocument = { paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>> };
const METHODS = ["get", "post", "put", "delete", "patch"] as const;
type HttpMethod = (typeof METHODS)[number];
interface OpenApiOperation {
  operationId: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: unknown } | undefined> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown } | undefined> } | undefined>;
}

interface Route {
  operationId: string;
  method: string;
  pattern: RegExp;
  paramNames: string[];
  requiredQuery: string[];
  validateBody?: ValidateFunction;
  responses: Map<string, ValidateFunction | null>;
}

/**
 * An HTTP service whose routes, request validation and response validation come from an
 * OpenAPI 3.1 file; the behaviour comes from handlers keyed by operationId. An answer that does
 * not match the file is a bug in the emulator and is answered 500 with the reason, so tests see it.
 */
export class OpenApiService<Operations> {
  readonly journal: EmulatedCall[] = [];
  private fault: Fault = {};
  private readonly routes: Route[] = [];
  private server: Server | null = null;
  private port = 0;
  private host = "127.0.0.1";
  /** by operationId; a handler is called only with a body its operation's schema accepted, the body its type in `Handlers` says */
  private readonly handlers: Record<string, Handler>;

  constructor(
    readonly name: string,
    specFile: string,
    handlers: Handlers<Operations>,
  ) {
    this.handlers = handlers as Record<string, Handler>;
    const spec = parseYaml(readFileSync(specFile, "utf8")) as OpenApiDocument;
    const ajv = new Ajv2020({ strict: false, allErrors: false });
    ajv.addSchema(spec, "spec");
    const pointer = (...parts: string[]) => "spec#/" + parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

    for (const [path, item] of Object.entries(spec.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        if (!this.handlers[op.operationId]) throw new Error(`${name}: no handler for operation ${op.operationId}`);
        const paramNames: string[] = [];
        const pattern = new RegExp(
          "^" +
            path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}]+)\}/g, (_: string, param: string) => {
              paramNames.push(param);
              return "([^/]+)";
            }) +
            "$",
        );
        const parameters = op.parameters ?? [];
        const responses = new Map<string, ValidateFunction | null>();
        for (const [status, response] of Object.entries(op.responses ?? {})) {
          const hasSchema = response?.content?.["application/json"]?.schema !== undefined;
          responses.set(
            status,
            hasSchema ? ajv.compile({ $ref: pointer("paths", path, method, "responses", status, "content", "application/json", "schema") }) : null,
          );
        }
        this.routes.push({
          operationId: op.operationId,
          method: method.toUpperCase(),
          pattern,
          paramNames,
          requiredQuery: parameters.filter((p) => p.in === "query" && p.required).map((p) => p.name),
          validateBody: op.requestBody?.content?.["application/json"]?.schema
            ? ajv.compile({ $ref: pointer("paths", path, method, "requestBody", "content", "application/json", "schema") })
            : undefined,
          responses,
        });
      }
    }
  }

  get url(): string {
    return `http://${this.host}:${this.port}`;
  }

  /** Starts listening; port 0 picks a free one, which is kept across refuse/restore. */
  async start(port = 0, host = "127.0.0.1"): Promise<string> {
    this.host = host;
    this.port = port;
    await this.listen();
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async setFault(fault: Fault): Promise<void> {
    this.fault = { ...fault };
    if (fault.refuse) await this.stop();
    else if (!this.server) await this.listen();
  }

  async clearFault(): Promise<void> {
    await this.setFault({});
  }

  calls(operationId?: string): EmulatedCall[] {
    return operationId ? this.journal.filter((c) => c.operationId === operationId) : [...this.journal];
  }

  private async listen(): Promise<void> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error) => send(res, 500, { code: "EMULATOR_ERROR", message: String(error) }));
    });
    // Node's default keep-alive (5 s). A shorter one is no good: its hint (Keep-Alive: timeout=1)
    // is within undici's 1 s safety margin, so fetch closed the connection after every answer and
    // each upstream call paid a new TCP connection (seen in the gateway's CPU profile under load).
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, this.host, () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator");
    const query = Object.fromEntries(url.searchParams);
    const route = this.routes.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    if (!route) return send(res, 404, { code: "NO_ROUTE", message: `${req.method} ${url.pathname} is not in ${this.name}'s API` });

    const raw = await readBody(req);
    const call: EmulatedCall = {
      operationId: route.operationId,
      method: req.method!,
      path: url.pathname,
      query,
      body: undefined,
      requestId: header(req, "x-request-id"),
      authorization: header(req, "authorization"),
      status: 0,
      at: new Date(),
      abandoned: false,
    };
    this.journal.push(call);
    res.once("close", () => {
      if (!res.writableFinished) call.abandoned = true;
    });
    const answer = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      if (res.destroyed) call.abandoned = true;
      send(res, status, body, headers);
    };

    if (this.fault.delayMs) await sleep(this.fault.delayMs);
    if (this.fault.status) {
      const retryAfter: Record<string, string> = this.fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(this.fault.retryAfterSeconds) };
      return answer(this.fault.status, { code: "INJECTED", message: `injected HTTP ${this.fault.status}` }, retryAfter);
    }

    let body: unknown;
    if (route.validateBody) {
      try {
        body = raw.length ? JSON.parse(raw) : undefined;
      } catch {
        return answer(400, { code: "BAD_REQUEST", message: "body is not JSON" });
      }
      if (!route.validateBody(body)) {
        return answer(400, { code: "BAD_REQUEST", message: `body does not match the API: ${route.validateBody.errors?.[0]?.message}` });
      }
    }
    call.body = body;
    const missing = route.requiredQuery.find((name) => !(name in query));
    if (missing) return answer(400, { code: "BAD_REQUEST", message: `query parameter ${missing} is required` });

    const match = route.pattern.exec(url.pathname)!;
    const params = Object.fromEntries(route.paramNames.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
    const result = this.handlers[route.operationId]({ params, query, body });

    const listed = [String(result.status), `${String(result.status)[0]}XX`].find((key) => route.responses.has(key));
    const validate = listed === undefined ? undefined : route.responses.get(listed);
    if (validate === undefined) {
      return answer(500, { code: "EMULATOR_OFF_CONTRACT", message: `${route.operationId} answered ${result.status}, which the API does not list` });
    }
    if (validate && !validate(result.body)) {
      return answer(500, { code: "EMULATOR_OFF_CONTRACT", message: `${route.operationId} answer does not match the API: ${validate.errors?.[0]?.message}` });
    }
    answer(result.status, result.body);
  }
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === "string" ? value : null;
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
}
