// Request ids and the access log. Each request gets an id (the caller's X-Request-Id when it is a
// plain token), echoed in the response and bound to `request.log`; when the response is done, one
// line says what was asked and how it went: method, path, status, duration, and for GraphQL the
// operation's name and cost. No headers, query string or body: they are large (a full pino-http
// line was 750 bytes) and may carry credentials or personal data. Health probes and metric
// scrapes are counted but not logged: they come every few seconds and say nothing new.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import { newRequestTelemetry, type RequestTelemetry } from '../graphql/request-telemetry.js';
import type { Logger } from '../logger.js';
import type { CompletedHttpRequest } from './metrics.js';
import { requestIdFor } from './request-id.js';

const UNLOGGED_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);
const MAX_LOGGED_PATH = 200;

export interface AccessLogLine {
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  /** GraphQL requests only: the operation's name (null when anonymous or never resolved). */
  operation?: string | null;
  /** GraphQL requests only: its cost in points (null when it was not counted, e.g. a parse error). */
  cost?: number | null;
  /** Present (true) only when the client left before the response was complete. */
  aborted?: true;
}

const TELEMETRY = 'graphqlTelemetry';

/** This request's telemetry record, which the GraphQL context carries (made on first use). */
export function telemetryFor(response: Response): RequestTelemetry {
  const existing: unknown = response.locals[TELEMETRY];
  if (existing !== undefined) return existing as RequestTelemetry;
  const telemetry = newRequestTelemetry();
  response.locals[TELEMETRY] = telemetry;
  return telemetry;
}

function pathOf(request: Request): string {
  const url = request.originalUrl;
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  return path.length > MAX_LOGGED_PATH ? `${path.slice(0, MAX_LOGGED_PATH)}...` : path;
}

/**
 * The request-id and access-log middleware; `onResponse` hears every finished request (probes
 * included), for the metrics.
 */
export function requestLogging(logger: Logger, onResponse: (request: CompletedHttpRequest) => void): RequestHandler[] {
  const ids = pinoHttp({
    logger,
    genReqId: (request, response) => {
      const id = requestIdFor(request);
      response.setHeader('x-request-id', id);
      return id;
    },
    // request.log carries the id only; the line below is the one record of the request itself.
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    autoLogging: false,
  });
  const accessLine = (request: Request, response: Response, next: NextFunction): void => {
    const started = performance.now();
    response.once('close', () => {
      const seconds = (performance.now() - started) / 1000;
      const path = pathOf(request);
      const status = response.statusCode;
      onResponse({ method: request.method, path, status, seconds });
      if (UNLOGGED_PATHS.has(path)) return;
      const telemetry: unknown = response.locals[TELEMETRY];
      const graphql = telemetry as RequestTelemetry | undefined;
      const line: AccessLogLine = {
        requestId: String(request.id),
        method: request.method,
        path,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        ...(graphql ? { operation: graphql.operationName, cost: graphql.cost } : {}),
        ...(response.writableFinished ? {} : { aborted: true as const }),
      };
      if (status >= 500) logger.warn(line, 'request');
      else logger.info(line, 'request');
    });
    next();
  };
  return [ids, accessLine];
}
