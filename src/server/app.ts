// The HTTP surface: /graphql, /healthz (process alive), /readyz (database answers), /export,
// and the web app for browsers (web-app.ts). GraphQL is refused with 503 until start-up
// (migrate + seed) has finished. CORS headers go only to the origins CORS_ORIGINS lists.
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { ResponseCache } from '../graphql/plugins/response-cache.js';
import { createRequestLoaders } from '../graphql/request-loaders.js';
import type { AppServices } from '../services/app-services.js';
import { exportRouter } from './export-routes.js';
import { httpErrorHandler } from './http-errors.js';
import { refuseLongDocuments } from './query-size.js';
import { requestIdFor } from './request-id.js';
import { webAppRouter } from './web-app.js';
import { makeFormatError, requestIdPlugin } from '../graphql/format-error.js';
import { filterNotesPlugin } from '../graphql/plugins/known-filter-values.js';
import { PARSE_OPTIONS, queryLimitRules, queryLimitsPlugin } from '../graphql/plugins/query-limits.js';

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
}

export interface App {
  express: Express;
  apollo: ApolloServer<GraphQLContext>;
  /** Requests received and not yet answered (logged at shutdown; tests wait on it). */
  inFlight(): number;
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
  const apollo = new ApolloServer<GraphQLContext>({
    schema: options.schema,
    formatError: makeFormatError(options.logger),
    // Drains in-flight requests when apollo.stop() runs at shutdown. Cache-control hints are
    // not used, and the plugin costs a hook call on every resolved field.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }),
      ApolloServerPluginCacheControlDisabled(),
      requestIdPlugin,
      // Refuses oversized and overly costly operations before they run.
      queryLimitsPlugin,
      // Tells the client which filter values were read as others; before the response cache.
      filterNotesPlugin,
      // Repeated dashboard-aggregate operations answered without re-executing them, never stale.
      options.responseCache.plugin(),
    ],
    validationRules: queryLimitRules(),
    parseOptions: PARSE_OPTIONS,
    includeStacktraceInErrorResponses: false,
    // The default serialisation, except that cached dashboard answers reuse their JSON text.
    stringifyResult: (value) => options.responseCache.stringify(value),
    // The CLI owns SIGTERM/SIGINT: Apollo's own handlers would re-raise the signal
    // after stopping and kill the process before the database is closed.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  let inFlight = 0;
  app.use((_request, response, next) => {
    inFlight += 1;
    response.once('close', () => {
      inFlight -= 1;
    });
    next();
  });
  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (request, response) => {
        const id = requestIdFor(request);
        response.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (request) => request.url === '/healthz' || request.url === '/readyz' },
    }),
  );

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

  // Browsers get the app's pages (the explorer at /graphql among them) even while starting up.
  app.use(webAppRouter(options.webDistDir));

  if (options.corsOrigins.length > 0) {
    app.use(
      ['/graphql', '/export'],
      cors({
        origin: [...options.corsOrigins],
        methods: ['GET', 'POST'],
        // Apollo's CSRF prevention accepts a GET or a form-like POST only with one of these headers.
        allowedHeaders: ['content-type', 'apollo-require-preflight', 'x-apollo-operation-name', 'authorization'],
        exposedHeaders: ['x-request-id', 'retry-after'],
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
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const services = await options.services;
        return { requestId: String(req.id), services, loaders: createRequestLoaders(services), filterNotes: [] };
      },
    }),
  );

  app.use('/export', exportRouter({ isReady: options.isReady, services: options.services }));

  app.use((_request, response) => {
    response
      .status(404)
      .json({ errors: [{ message: 'Not found. The API is at /graphql.', extensions: { code: 'NOT_FOUND' } }] });
  });
  app.use(httpErrorHandler);

  return { express: app, apollo, inFlight: () => inFlight };
}
