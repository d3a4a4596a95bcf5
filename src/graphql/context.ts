// What every resolver receives besides its arguments: the request id and the application
// services built at start (the database included; Pothos' Prisma plugin reads its client here).
import type { AppServices } from '../services/app-services.js';

export interface GraphQLContext {
  /** The request id the HTTP layer assigned (X-Request-Id); copied into error extensions. */
  requestId: string;
  services: AppServices;
}
