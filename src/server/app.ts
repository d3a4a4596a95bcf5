// The HTTP surface: /graphql, /healthz (process alive), /readyz (database answers), /export,
// /metrics (when enabled), and the web app for browsers (web-app.ts). GraphQL is refused with 503 until start-up
// (migrate + seed) has finished. CORS headers go only to the origins CORS_ORIGINS lists.
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import { messageLogger, type Logger } from '../logger.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { ResponseCache } from '../graphql/plugins/response-cache.js';
import { createRequestLoaders } from '../graphql/request-loaders.js';
import type { AppServices } from '../services/app-services.js';
import { exportRouter } from './export-routes.js';
import { httpErrorHandler } from './http-errors.js';
import type { GraphQLEdge } from './graphql-edge.js';
import { refuseLongDocuments } from './query-size.js';
import { requestLogging, telemetryFor } from './access-log.js';
import type { ServiceMetrics } from './metrics.js';
import { metricsHandler } from './metrics-route.js';
import { requestDeadlines } from './request-deadline.js';
import { securityHeaders } from './security-headers.js';
import { webAppRouter } from './web-app.js';
import { makeFormatError, requestIdPlugin } from '../graphql/format-error.js';
import { operationMetricsPlugin } from '../graphql/plugins/operation-metrics.js';
import { filterNotesPlugin } from '../graphql/plugins/known-filter-values.js';
import { PARSE_OPTIONS, queryLimitRules, queryLimitsPlugin } from '../graphql/plugins/query-limits.js';
import { unavailabilityStatusPlugin } from '../graphql/plugins/unavailability-status.js';
import { stoppedRequestPlugin } from '../graphql/plugins/stopped-request.js';
import { capResponseSize } from '../graphql/response-size-cap.js';
import { splicedAnswersPlugin } from '../graphql/spliced-answers.js';
import { heavyQueryGate, type HeavyQueryGateOptions } from '../graphql/plugins/heavy-query-gate.js';
import { rateLimitPlugin } from '../graphql/plugins/rate-limit.js';
import type { RateBudgetStore } from './rate-budget.js';

export interface AppOptions {
  schema: GraphQLSchema;
  logger: Logger;
  httpServer: Server;
  bodyLimit: string;
  /** The application services, once start-up has built them (requests wait behind `isReady`). */
  services: Promise<AppServices>;
  /** Answers repeated dashboard operations without executing them again. */
  responseCache: ResponseCache;
  /** Resolves when the database answers; rejects (or times out) when it does not. */
  checkDatabase: () => Promise<void>;
  isReady: () => boolean;
  /** Browser origins other than the service's own that may call /graphql and /export. */
  corsOrigins: readonly string[];
  /** The built web app (web/dist); its default when omitted. */
  webDistDir?: string;
  metrics: ServiceMetrics;
  /** Serve GET /metrics (see metrics-route.ts), with this bearer token when it has one. */
  metricsEndpoint?: { token?: string };
  /** How long a GraphQL request may work before it is stopped (REQUEST_TIMEOUT). */
  requestDeadlineMs: number;
  /** The largest GraphQL answer sent (RESPONSE_TOO_LARGE past it). */
  responseMaxBytes: number;
  /** Costly operations take turns (see heavy-query-gate.ts). */
  heavyQueries: HeavyQueryGateOptions;
  /** Introspection guard, safelist and the other edge rules of /graphql (graphql-edge.ts). */
  graphqlEdge: GraphQLEdge;
  /** Rate budgets: whom a request is charged to, and the counters (see rate-budget.ts). */
  rateBudgets: RateBudgetStore;
  /** Express's `trust proxy` (TRUST_PROXY): which proxies may name the client address. */
  trustProxy: false | number | readonly string[];
}

export interface App {
  express: Express;
  apollo: ApolloServer<GraphQLContext>;
  /** Requests received and not yet answered (logged at shutdown; tests wait on it). */
  inFlight(): number;
  /** GraphQL requests whose work has not ended (it may outlive a client that left). */
  working(): number;
  /** Stops the work of every running GraphQL request (at shutdown, when its time is up). */
  stopWork(): void;
}

const READINESS_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export async function createApp(options: AppOptions): Promise<App> {
  const deadlines = requestDeadlines(options.requestDeadlineMs);
  const apollo = new ApolloServer<GraphQLContext>({
    schema: options.schema,
    logger: messageLogger(options.logger, 'apollo'),
    formatError: makeFormatError(options.logger, (code) => options.metrics.countGraphQLError(code)),
    // Drains in-flight requests when apollo.stop() runs at shutdown. Cache-control hints are
    // not used, and the plugin costs a hook call on every resolved field.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }),
      ApolloServerPluginCacheControlDisabled(),
      requestIdPlugin,
      operationMetricsPlugin(({ operationName, seconds }) => options.metrics.observeOperation(operationName, seconds)),
      // A request stopped by its deadline or the shutdown answers with why (504 / 503).
      stoppedRequestPlugin,
      // Refuses oversized and overly costly operations before they run.
      queryLimitsPlugin,
      // Charges the operation's cost to its client's hourly budget (before the response cache answers).
      rateLimitPlugin(options.rateBudgets, () => options.metrics.countRateLimitRejection()),
      // Tells the client which filter values were read as others; before the response cache.
      filterNotesPlugin,
      // Pages the database rendered take their place in the answer (before the response cache
      // keeps the answer).
      splicedAnswersPlugin,
      // Repeated dashboard-aggregate operations answered without re-executing them, never stale.
      options.responseCache.plugin(),
      // Costly operations execute a few at a time, so light requests are not held behind them.
      heavyQueryGate(options.heavyQueries).plugin,
      // 503 + Retry-After when the database or the search engine is down and nothing answered.
      unavailabilityStatusPlugin,
      ...options.graphqlEdge.plugins,
    ],
    validationRules: [...queryLimitRules(), ...options.graphqlEdge.validationRules],
    // Decided per request by the introspection guard (graphql-edge.ts), not once for all.
    introspection: true,
    parseOptions: PARSE_OPTIONS,
    includeStacktraceInErrorResponses: false,
    // The default serialisation, except that cached dashboard answers reuse their JSON text.
    // Answers past RESPONSE_MAX_BYTES are replaced by a RESPONSE_TOO_LARGE error.
    stringifyResult: capResponseSize(
      options.responseMaxBytes,
      (value) => options.responseCache.stringify(value),
      (refused) => options.logger.warn(refused, 'GraphQL answer larger than the response cap refused'),
    ),
    // The CLI owns SIGTERM/SIGINT: Apollo's own handlers would re-raise the signal
    // after stopping and kill the process before the database is closed.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // No ETag on answers sent whole (GraphQL, health): hashing each answer cost more than any
  // client saved, POST answers are not revalidated, and the web app's files get theirs from
  // the static file server.
  app.set('etag', false);
  app.use(securityHeaders());
  app.set('trust proxy', typeof options.trustProxy === 'object' ? [...options.trustProxy] : options.trustProxy);
  let inFlight = 0;
  app.use((_request, response, next) => {
    inFlight += 1;
    response.once('close', () => {
      inFlight -= 1;
    });
    next();
  });
  app.use(requestLogging(options.logger, (request) => options.metrics.observeHttpRequest(request)));

  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });

  app.get('/readyz', async (request, response) => {
    if (!options.isReady()) {
      response.status(503).json({ status: 'starting' });
      return;
    }
    try {
      await withTimeout(options.checkDatabase(), READINESS_TIMEOUT_MS);
      response.json({ status: 'ready' });
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      response.status(503).json({ status: 'database unavailable' });
    }
  });

  if (options.metricsEndpoint) app.get('/metrics', metricsHandler(options.metrics, options.metricsEndpoint.token));

  // Browsers get the app's pages (the explorer at /graphql among them) even while starting up.
  app.use(webAppRouter(options.webDistDir));

  if (options.corsOrigins.length > 0) {
    app.use(
      ['/graphql', '/export'],
      cors({
        origin: [...options.corsOrigins],
        methods: ['GET', 'POST'],
        // Apollo's CSRF prevention accepts a GET or a form-like POST only with one of these headers.
        allowedHeaders: [
          'content-type',
          'apollo-require-preflight',
          'x-apollo-operation-name',
          'authorization',
          'x-api-key',
        ],
        exposedHeaders: [
          'x-request-id',
          'retry-after',
          'x-ratelimit-limit',
          'x-ratelimit-remaining',
          'x-ratelimit-used',
          'x-ratelimit-reset',
        ],
        maxAge: 600,
      }),
    );
  }

  app.use('/graphql', (request, response, next) => {
    if (options.isReady()) {
      next();
      return;
    }
    response
      .status(503)
      .set('retry-after', '2')
      .json({
        errors: [
          {
            message: 'The service is starting (migrating and loading data); retry shortly.',
            extensions: { code: 'SERVICE_UNAVAILABLE' },
          },
        ],
      });
  });
  app.use(
    '/graphql',
    express.json({ limit: options.bodyLimit }),
    refuseLongDocuments,
    ...options.graphqlEdge.httpHandlers,
    // Stopped (work included) at the request deadline or when the client leaves.
    deadlines.around(
      expressMiddleware(apollo, {
        context: async ({ req, res }) => {
          const services = await options.services;
          const telemetry = telemetryFor(res);
          const rateClient = options.rateBudgets.clientOf(req.headers, req.ip);
          return {
            requestId: String(req.id),
            services,
            loaders: createRequestLoaders(services),
            telemetry,
            filterNotes: [],
            ...(rateClient ? { rateClient } : {}),
          };
        },
      }),
    ),
  );

  // Downloads are stopped like GraphQL requests: deadline, client gone, shutdown.
  app.use('/export', deadlines.around(exportRouter({ isReady: options.isReady, services: options.services })));

  app.use((_request, response) => {
    response
      .status(404)
      .json({ errors: [{ message: 'Not found. The API is at /graphql.', extensions: { code: 'NOT_FOUND' } }] });
  });
  app.use(httpErrorHandler);

  return {
    express: app,
    apollo,
    inFlight: () => inFlight,
    working: deadlines.running,
    stopWork: deadlines.stopAll,
  };
}
