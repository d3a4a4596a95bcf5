// The process-wide Prisma client, set once at start by whoever opened the database (server,
// CLI, test harness). Kept out of the GraphQL context on purpose (DESIGN §7): resolvers and
// Pothos reach it through this module.
import type { PrismaClient } from '../generated/prisma/client.js';

let current: PrismaClient | undefined;

export function usePrisma(client: PrismaClient): void {
  current = client;
}

export function getPrisma(): PrismaClient {
  if (!current) throw new Error('Database not opened: call usePrisma() at start-up before serving requests.');
  return current;
}
