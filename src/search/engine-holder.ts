// The process-wide search engine, set at start next to the Prisma client (src/db/prisma.ts).
import type { SearchEngine } from './search-engine.js';

let current: SearchEngine | undefined;

export function useSearchEngine(engine: SearchEngine): void {
  current = engine;
}

/** Undefined until start-up has opened an engine (search then reports itself unavailable). */
export function currentSearchEngine(): SearchEngine | undefined {
  return current;
}
