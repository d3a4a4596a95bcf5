// GET /metrics, the Prometheus exposition. Off unless METRICS_ENABLED: the series describe the
// service's traffic and errors, which a public deployment need not show the world. With
// METRICS_TOKEN set, a scrape must send it as a bearer token (Prometheus' `authorization`
// setting); without one, the deployment keeps /metrics off the public network itself.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { ServiceMetrics } from './metrics.js';

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Compares digests, so neither the token's length nor its prefix leaks through timing. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

export function metricsHandler(metrics: ServiceMetrics, token: string | undefined): RequestHandler {
  return async (request, response, next) => {
    if (token !== undefined && !bearerMatches(request.headers.authorization, token)) {
      response
        .status(401)
        .set('www-authenticate', 'Bearer realm="metrics"')
        .json({
          errors: [
            { message: 'The metrics need the bearer token METRICS_TOKEN.', extensions: { code: 'UNAUTHENTICATED' } },
          ],
        });
      return;
    }
    try {
      const { contentType, body } = await metrics.render();
      response.set('content-type', contentType).set('cache-control', 'no-store').send(body);
    } catch (error) {
      next(error);
    }
  };
}
