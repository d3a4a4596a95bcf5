// The process-wide search engine, set at start next to the Prisma client (src/db/prisma.ts),
// and the choice of adapter from configuration (DESIGN §3: MEILI_HOST switches to Meilisearch).
import type { Config } from '../config.js';
import { EmbeddedSearchEngine } from './embedded-search-engine.js';
import { MeilisearchSearchEngine } from './meilisearch-search-engine.js';
import type { SearchEngine } from './search-engine.js';

let current: SearchEngine | undefined;

export function useSearchEngine(engine: SearchEngine): void {
  current = engine;
}

/** Undefined until start-up has opened an engine (search then reports itself unavailable). */
export function currentSearchEngine(): SearchEngine | undefined {
  return current;
}

/** Meilisearch when MEILI_HOST is set (config.ts guarantees both keys then), else the embedded engine. */
export function createSearchEngine(
  config: Pick<Config, 'MEILI_HOST' | 'MEILI_SEARCH_KEY' | 'MEILI_ADMIN_KEY' | 'MEILI_INDEX'>,
): SearchEngine {
  if (config.MEILI_HOST === undefined) return new EmbeddedSearchEngine();
  return new MeilisearchSearchEngine({
    host: config.MEILI_HOST,
    searchKey: config.MEILI_SEARCH_KEY ?? '',
    adminKey: config.MEILI_ADMIN_KEY ?? '',
    index: config.MEILI_INDEX,
  });
}
