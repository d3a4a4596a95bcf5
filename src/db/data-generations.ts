// The data generations: counters in table "AnalyticsGeneration" that statement triggers bump in
// the transaction of every write to the tables they watch, so a committed value changes exactly
// when the committed data it stands for does. Scope "analytics" watches the tables the dashboard
// aggregates read; scope "catalogue" watches every table of source data (see the migrations
// analytics_generation and catalogue_generation).
import type { SqlReader } from './database.js';

export type GenerationScope = 'analytics' | 'catalogue';

const READ_GENERATIONS = `SELECT "scope", "generation"::text AS generation FROM "AnalyticsGeneration" WHERE "scope" = ANY($1::text[])`;

/**
 * The committed generations of `scopes` now, in one primary-key read, as one token
 * ("analytics=12;catalogue=40", scopes in the order given): two tokens are equal only when no
 * write to a watched table committed between the reads. Null when a scope has no row (a database
 * someone emptied by hand), so that nothing is cached against it.
 */
export async function readGenerations(readRows: SqlReader, scopes: readonly GenerationScope[]): Promise<string | null> {
  const rows = await readRows<{ scope: string; generation: string }>(READ_GENERATIONS, [scopes]);
  const byScope = new Map(rows.map((row) => [row.scope, row.generation]));
  const parts: string[] = [];
  for (const scope of scopes) {
    const generation = byScope.get(scope);
    if (generation === undefined) return null;
    parts.push(`${scope}=${generation}`);
  }
  return parts.join(';');
}
