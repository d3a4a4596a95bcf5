// What every resolver receives besides its arguments: the request id, the application services
// built at start (the database included; Pothos' Prisma plugin reads its client here) and the
// loaders of this request.
import type { AppServices } from '../services/app-services.js';
import type { FilterNote } from '../services/filter-vocabulary.js';
import type { RequestLoaders } from './request-loaders.js';

export interface GraphQLContext {
  /** The request id the HTTP layer assigned (X-Request-Id); copied into error extensions. */
  requestId: string;
  services: AppServices;
  /** Batching loaders of this request (see request-loaders.ts). */
  loaders: RequestLoaders;
  /** Filter values read as others (GB as UK), reported in the response's extensions. */
  filterNotes: FilterNote[];
}
