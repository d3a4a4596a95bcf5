// What every resolver receives besides its arguments: the request id, the application services
// built at start (the database included; Pothos' Prisma plugin reads its client here), the
// loaders of this request and what the access log should say about it.
import type { AppServices } from '../services/app-services.js';
import type { OperationCount } from './query-cost.js';
import type { RateClient, RateLimitReport } from './rate-budgets.js';
import type { FilterNote } from '../services/filter-vocabulary.js';
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
  /** Whose rate budget pays for this request (set by the HTTP layer; absent: none). */
  rateClient?: RateClient;
  /** The operation's nodes and cost, once counted (see plugins/query-limits.ts). */
  queryCost?: OperationCount;
  /** The operation's charge to the rate budget, once made (see plugins/rate-limit.ts). */
  rateLimit?: RateLimitReport;
  /** Filter values read as others (GB as UK), reported in the response's extensions. */
  filterNotes: FilterNote[];
}
