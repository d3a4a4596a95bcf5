// What every resolver receives besides its arguments: the request id, the application services
// built at start (the database included; Pothos' Prisma plugin reads its client here), the
// loaders of this request and what the access log should say about it.
import type { AppServices } from '../services/app-services.js';
import type { RequestLoaders } from './request-loaders.js';
import type { RequestTelemetry } from './request-telemetry.js';

export interface GraphQLContext {
  /** The request id the HTTP layer assigned (X-Request-Id); copied into error extensions. */
  requestId: string;
  services: AppServices;
  /** Batching loaders of this request (see request-loaders.ts). */
  loaders: RequestLoaders;
  /**
   * Operation name and cost of this request, read by the access log and the metrics (absent when
   * an operation is executed without HTTP, as some tests do).
   */
  telemetry?: RequestTelemetry;
}
