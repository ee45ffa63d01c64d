import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { expressMiddleware } from "@as-integrations/express5";
import { MikroORM } from "@mikro-orm/postgresql";
import express from "express";
import type { Logger } from "pino";
import type { GatewayConfig } from "./config";
import type { GatewayContext, GatewayDeps } from "./context";
import { ormConfig } from "./db/orm-config";
import { createErrorFormatter, errorCode } from "./errors";
import { ScanOutbox } from "./handover/outbox";
import { MileageFiller } from "./repairs/mileage-filler";
import { createLoaders } from "./loaders";
import { createLogger } from "./logger";
import { Metrics } from "./metrics";
import { identify } from "./operators/identity";
import { OperatorService } from "./operators/operator.service";
import { buildGatewaySchema } from "./schema";
import { repairsExport } from "./analytics/export";
import { dashboard } from "./dashboard";
import { createUpstreams } from "./upstreams";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface Gateway {
  url: string;
  orm: MikroORM;
  metrics: Metrics;
  outbox: ScanOutbox;
  stop(): Promise<void>;
}

function metricsPlugin(metrics: Metrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors }) {
          const operation = operationName ?? "anonymous";
          metrics.graphqlRequests.inc({ operation, outcome: errors?.length ? errorCode(errors[0]) : "ok" });
          metrics.graphqlDuration.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
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
  const orm = await MikroORM.init(ormConfig(config.databaseUrl, { pool: { min: 0, max: config.databasePoolMax } }, (message) => logger.debug({ part: "orm" }, message)));
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
  const deps: GatewayDeps = { config, upstreams, outbox };

  const app = express();
  app.disable("x-powered-by");
  const httpServer: Server = createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    schema: await buildGatewaySchema(),
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    stopOnTerminationSignals: false, // main.ts stops the whole gateway, outbox and database included
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      metricsPlugin(metrics),
      ...(options.sandbox && !config.production
        ? [ApolloServerPluginLandingPageLocalDefault({ embed: true, document: options.sandbox.document, headers: options.sandbox.headers })]
        : []),
    ],
  });
  await apollo.start();

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await orm.em.fork().execute("select 1");
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
  app.use(repairsExport(orm, config, logger)); // GET /export/repairs.csv
  app.use(
    "/graphql",
    (req, res, next) => {
      const given = req.header("x-request-id");
      const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
      res.locals.requestId = requestId;
      res.setHeader("x-request-id", requestId);
      next();
    },
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<GatewayContext> => {
        const requestId: string = res.locals.requestId;
        const em = orm.em.fork();
        const requestLogger = logger.child({ requestId });
        const identity = await identify(req.headers, em, config, requestLogger).catch((error: unknown) => {
          requestLogger.error({ err: error }, "identity check failed");
          return { error: error as never };
        });
        const call = { requestId };
        const language = /^\s*en\b/i.test(req.header("accept-language") ?? "") ? "en" : "ru";
        return { requestId, call, language, em, logger: requestLogger, identity, loaders: createLoaders(em, upstreams, call), deps };
      },
    }),
  );
  // A body that is not JSON is the caller's mistake: 400 with a code, never a 500.
  app.use((error: { status?: number; type?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (error?.status && error.status >= 400 && error.status < 500) {
      res.status(error.status).json({ errors: [{ message: "The request body is not valid JSON.", extensions: { code: "BAD_REQUEST" } }] });
      return;
    }
    next(error);
  });

  await new Promise<void>((resolve) => httpServer.listen(options.port ?? config.port, options.host ?? "0.0.0.0", resolve));
  const address = httpServer.address() as AddressInfo;
  const url = `http://${options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1"}:${address.port}`;
  outbox.start();
  mileage.start();
  logger.info({ url: `${url}/graphql` }, "gateway ready");

  let stopping: Promise<void> | null = null;
  return {
    url,
    orm,
    metrics,
    outbox,
    stop() {
      stopping ??= (async () => {
        await Promise.all([outbox.stop(), mileage.stop()]);
        await apollo.stop();
        await orm.close();
      })();
      return stopping;
    },
  };
}
