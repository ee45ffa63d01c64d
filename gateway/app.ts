import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import { expressMiddleware } from "@as-integrations/express5";
import type { DocumentNode } from "graphql";
import { MikroORM } from "@mikro-orm/postgresql";
import express from "express";
import pg from "pg";
import type { Logger } from "pino";
import type { GatewayConfig } from "./config";
import type { GatewayContext, GatewayDeps } from "./context";
import { ormConfig } from "./db/orm-config";
import { UNAVAILABLE_RETRY_AFTER_S, createErrorFormatter, errorCode } from "./errors";
import { explorerRouter } from "./explorer";
import { ScanOutbox } from "./handover/outbox";
import { MileageFiller } from "./repairs/mileage-filler";
import { PARSE_OPTIONS, limitRules, limitsPlugin } from "./limits";
import { createLoaders } from "./loaders";
import { createLogger } from "./logger";
import { Metrics } from "./metrics";
import { identify } from "./operators/identity";
import { OperatorService } from "./operators/operator.service";
import { Periodic } from "./periodic";
import { rateLimitPlugin } from "./rate-limit";
import { settle } from "./settle";
import { buildGatewaySchema } from "./schema";
import { TelegramService } from "./telegram/telegram.service";
import { repairsExport } from "./analytics/export";
import { dashboard } from "./dashboard";
import { createUpstreams } from "./upstreams";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const BODY_LIMIT = "1mb";
const DOCUMENT_CACHE_BYTES = 2 * 1024 * 1024;
const READY_TIMEOUT_MS = 2000;
const RETENTION_EVERY_MS = 3_600_000;

/** The request id the first /graphql middleware put in res.locals (which Express types as `any`). */
function requestIdOf(res: express.Response): string {
  const requestId: unknown = res.locals.requestId;
  if (typeof requestId !== "string") throw new Error("no request id: the x-request-id middleware must run before the GraphQL one");
  return requestId;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export interface Gateway {
  url: string;
  orm: MikroORM;
  metrics: Metrics;
  outbox: ScanOutbox;
  stop(): Promise<void>;
}

function metricsPlugin(metrics: Metrics): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart() {
      return settle(() => {
        const started = process.hrtime.bigint();
        let validated = false;
        return {
          didResolveOperation() {
            return settle(() => {
              validated = true; // parsed and validated against the schema: its name may become a label
            });
          },
          willSendResponse({ operationName, errors }) {
            return settle(() => {
              const operation = metrics.operationLabel(operationName, validated);
              metrics.observeOperation(operation, errors?.length ? errorCode(errors[0]) : "ok", Number(process.hrtime.bigint() - started) / 1e9);
            });
          },
        };
      });
    },
  };
}

/**
 * HTTP statuses by code: our own database down is 503 with Retry-After, so clients and proxies know
 * to come back; persisted queries (not supported here) are a 400 like any other refused request.
 * No answer may be cached.
 */
function statusPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart() {
      return settle(() => ({
        willSendResponse({ response, errors }) {
          return settle(() => {
            // what Apollo's cache-control plugin (left out: it hooks every field of every answer) said of every answer here
            response.http.headers.set("cache-control", "no-store");
            const codes = new Set(errors?.map((e) => errorCode(e)));
            if (codes.has("UNAVAILABLE")) {
              response.http.status = 503;
              response.http.headers.set("retry-after", String(UNAVAILABLE_RETRY_AFTER_S));
            } else if (codes.has("PERSISTED_QUERY_NOT_SUPPORTED")) {
              response.http.status = 400;
            }
          });
        },
      }));
    },
  };
}

/**
 * The whole gateway on one port: GraphQL at /graphql, /healthz, /readyz, /metrics; migrations on
 * start when MIGRATE_ON_START; the scan outbox running. `port` 0 picks a free one (tests).
 */
export interface GatewayOptions {
  port?: number;
  host?: string;
  logger?: Logger;
  /** local mode: Apollo Sandbox opens with this operation and these headers filled in */
  sandbox?: { document: string; headers: Record<string, string> };
}

export async function startGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = new Metrics();
  const orm = await MikroORM.init(
    ormConfig(config.databaseUrl, { pool: { min: 0, max: config.databasePoolMax } }, (message) => logger.debug({ part: "orm" }, message)),
  );
  try {
    if (config.migrateOnStart) {
      const applied = await orm.getMigrator().up();
      if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, "migrations applied");
    }
    await OperatorService.bootstrapAdmins(orm.em.fork(), config.bootstrapAdmins);
  } catch (error) {
    await orm.close();
    throw error;
  }

  const upstreams = createUpstreams(config, metrics, logger);
  const outbox = new ScanOutbox(orm, upstreams, config.outbox, logger.child({ part: "outbox" }), metrics);
  const mileage = new MileageFiller(orm, upstreams, config.outbox.pollMs * 5, logger.child({ part: "mileage" }));
  const retention = new Periodic(
    "retention",
    RETENTION_EVERY_MS,
    async () => {
      const pruned = await new TelegramService(orm.em.fork()).pruneHandled(config.telegramUpdateRetentionDays);
      if (pruned) logger.info({ pruned, days: config.telegramUpdateRetentionDays }, "handled Telegram updates pruned");
    },
    logger,
  );
  metrics.watchOutbox(async () => {
    const [row] = await orm.em
      .fork()
      .execute<{ pending: string; oldest: number | null }[]>(
        `select count(*) as "pending", extract(epoch from now() - min("at"))::float8 as "oldest" from "handover_scan" where "delivery" = 'PENDING'`,
      );
    return { pending: Number(row.pending), oldestSeconds: row.oldest ?? 0 };
  });
  const deps: GatewayDeps = { config, upstreams, outbox };

  const app = express();
  app.disable("x-powered-by");
  const httpServer: Server = createServer(app);
  const schema = await buildGatewaySchema();
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    introspection: config.introspection,
    persistedQueries: false, // no client of ours uses them; a cache any caller could fill is one less thing
    // parsed and validated documents: our clients use a few dozen; Apollo's default (30 MB by its own
    // estimate, several times that in heap) lets anyone with distinct queries grow the process
    documentStore: new InMemoryLRUCache<DocumentNode>({ maxSize: DOCUMENT_CACHE_BYTES }),
    parseOptions: PARSE_OPTIONS,
    validationRules: limitRules(),
    stopOnTerminationSignals: false, // main.ts stops the whole gateway, outbox and database included
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // no cache hints in this schema: the plugin would only time every field resolver to say no-store
      ApolloServerPluginCacheControlDisabled(),
      metricsPlugin(metrics),
      limitsPlugin(schema),
      rateLimitPlugin(config.rateLimit),
      statusPlugin(),
      config.introspection
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, document: options.sandbox?.document, headers: options.sandbox?.headers })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  // Ready = the database answers. On a connection of its own, so that a pool busy with a burst of
  // work does not read as a database that is gone; through the pool where it serves exactly one
  // connection (local mode's embedded PostgreSQL).
  const databaseAnswers = async (): Promise<void> => {
    if (config.databasePoolMax <= 1) {
      await orm.em.fork().execute("select 1");
      return;
    }
    const client = new pg.Client({ connectionString: config.databaseUrl, connectionTimeoutMillis: READY_TIMEOUT_MS, query_timeout: READY_TIMEOUT_MS });
    client.on("error", () => {}); // a dropped probe connection is answered by the catch below
    try {
      await client.connect();
      await client.query("select 1");
    } finally {
      await client.end().catch(() => {});
    }
  };
  app.use(explorerRouter({ enabled: config.introspection, ...options.sandbox, operationName: options.sandbox ? "Me" : undefined }));
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await withTimeout(databaseAnswers(), READY_TIMEOUT_MS);
      res.json({ status: "ready" });
    } catch (error) {
      logger.warn({ err: error }, "database unreachable");
      res.status(503).json({ status: "database unreachable" });
    }
  });
  app.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(dashboard(config.timeZone)); // GET /dashboard (managers' page)
  app.use(repairsExport(orm, config, logger, upstreams)); // GET /export/repairs.csv
  app.use(
    "/graphql",
    (req, res, next) => {
      const given = req.header("x-request-id");
      const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
      res.locals.requestId = requestId;
      res.setHeader("x-request-id", requestId);
      next();
    },
    express.json({ limit: BODY_LIMIT }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<GatewayContext> => {
        const requestId = requestIdOf(res);
        const em = orm.em.fork();
        const requestLogger = logger.child({ requestId });
        const identity = await identify(req.headers, em, config, requestLogger).catch((error: unknown) => {
          requestLogger.error({ err: error }, "identity check failed");
          return { error: error as never };
        });
        const call = { requestId };
        const language = /^\s*en\b/i.test(req.header("accept-language") ?? "") ? "en" : "ru";
        return { requestId, call, upstreams, language, em, logger: requestLogger, identity, loaders: createLoaders(em, upstreams, call), deps };
      },
    }),
  );
  // A body that is too large or not JSON is the caller's mistake: 4xx with a code, never a 500.
  app.use((error: { status?: number; type?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (error?.status && error.status >= 400 && error.status < 500) {
      const message =
        error.type === "entity.too.large"
          ? `The request body is larger than the ${BODY_LIMIT} allowed.`
          : error.type === "encoding.unsupported" || error.type === "charset.unsupported"
            ? "The request body must be UTF-8 JSON."
            : "The request body is not valid JSON.";
      res.status(error.status).json({ errors: [{ message, extensions: { code: "BAD_REQUEST" } }] });
      return;
    }
    next(error);
  });

  await new Promise<void>((resolve) => httpServer.listen(options.port ?? config.port, options.host ?? "0.0.0.0", resolve));
  const address = httpServer.address() as AddressInfo;
  const url = `http://${options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1"}:${address.port}`;
  outbox.start();
  mileage.start();
  retention.start();
  logger.info({ url: `${url}/graphql` }, "gateway ready");

  let stopping: Promise<void> | null = null;
  return {
    url,
    orm,
    metrics,
    outbox,
    stop() {
      stopping ??= (async () => {
        await Promise.all([outbox.stop(), mileage.stop(), retention.stop()]);
        await apollo.stop();
        await orm.close();
      })();
      return stopping;
    },
  };
}
