// What every resolver receives besides its arguments. Deliberately no database client here
// (DESIGN §7): resolvers reach Prisma through src/db/prisma.ts.
export interface GraphQLContext {
  /** The request id the HTTP layer assigned (X-Request-Id); copied into error extensions. */
  requestId: string;
}
