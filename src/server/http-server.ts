// The Node HTTP server the service listens with, bounded so slow or idle clients cannot hold it:
// the request headers must arrive within HTTP_HEADERS_TIMEOUT_MS and the whole request (headers
// and body) within HTTP_REQUEST_TIMEOUT_MS, else Node answers 408 and closes the connection (a
// body that stalls is cut); an idle keep-alive connection is closed after
// HTTP_KEEP_ALIVE_TIMEOUT_MS; beyond HTTP_MAX_CONNECTIONS open connections new ones are dropped.
import { createServer, type Server } from 'node:http';
import type { Config } from '../config.js';

export type HttpServerLimits = Pick<
  Config,
  'HTTP_HEADERS_TIMEOUT_MS' | 'HTTP_REQUEST_TIMEOUT_MS' | 'HTTP_KEEP_ALIVE_TIMEOUT_MS' | 'HTTP_MAX_CONNECTIONS'
>;

/** Node checks the two request timeouts on this interval (30 s by default), so it bounds their precision. */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

export function createHttpServer(limits: HttpServerLimits): Server {
  const server = createServer({
    connectionsCheckingInterval: Math.min(TIMEOUT_CHECK_INTERVAL_MS, limits.HTTP_HEADERS_TIMEOUT_MS),
    // Node requires the headers timeout not to exceed the request timeout.
    headersTimeout: Math.min(limits.HTTP_HEADERS_TIMEOUT_MS, limits.HTTP_REQUEST_TIMEOUT_MS),
    requestTimeout: limits.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: limits.HTTP_KEEP_ALIVE_TIMEOUT_MS,
  });
  server.maxConnections = limits.HTTP_MAX_CONNECTIONS;
  return server;
}
