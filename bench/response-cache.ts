// `npm run bench`: what the response cache saves on a catalogue read. The nested provisions page
// of provisions-nested-read.ts (US category 6, pages of 10, 50 and 100) asked one request at a
// time on one PostgreSQL database: with the cache off (execution alone), as a miss (a
// no-op statement on a catalogue table bumps the generation before each request, untimed: the
// execution plus the two generation reads) and as a hit (the generation read alone). Prints
// p50 and p95 in ms and the statements each request ran.
import '../src/cli/production-default.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { prepareDatabase, startService } from '../src/server/service.js';
import { createThrowawayDatabase } from './throwaway-postgres.js';

const REQUESTS = Number(process.env.BENCH_CACHE_REQUESTS ?? 300);
const PAGES = [10, 50, 100];

const QUERY = `query NestedRead($first: Int!) {
  provisions(first: $first, filter: { regime: US_EAR, category: "6" }) {
    edges { node {
      code title
      thresholds { paragraph textVerbatim exponentNote unit value }
      exemptions { basis exemption { name legalBasis kind } }
      citation { url repository path commit section }
    } }
  }
}`;

function percentile(sorted: readonly number[], fraction: number): number {
  return Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN).toFixed(2));
}

async function main() {
  const throwaway = await createThrowawayDatabase();
  const config = loadConfig({
    DATABASE_URL: throwaway.url,
    PORT: '0',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_ENABLED: 'false',
  });
  const logger = createLogger(config);
  const db = await openDatabase(config);
  try {
    await prepareDatabase(db, config, logger);
    const service = await startService(config, logger, { database: db, prepared: true });
    await service.ready;
    const url = `${service.url}/graphql`;
    const ask = async (first: number) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY, variables: { first } }),
      });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(`the bench query failed: ${JSON.stringify(body.errors)}`);
    };
    const measure = async (first: number, before?: () => Promise<unknown>) => {
      const times: number[] = [];
      let statements = 0;
      for (let index = 0; index < REQUESTS; index += 1) {
        await before?.();
        const counted = db.requestStatementCount();
        const started = performance.now();
        await ask(first);
        times.push(performance.now() - started);
        statements += db.requestStatementCount() - counted;
      }
      times.sort((a, b) => a - b);
      return { 'p50 ms': percentile(times, 0.5), 'p95 ms': percentile(times, 0.95), statements: statements / REQUESTS };
    };
    const bump = () => db.prisma.$executeRawUnsafe(`DELETE FROM "Citation" WHERE false`);
    const table: Record<string, Record<string, number>> = {};
    for (const first of PAGES) {
      // Warm-up: JIT and the pool, untimed.
      for (let index = 0; index < 50; index += 1) await ask(first);
      service.responseCache.enabled = false;
      table[`first ${first}: cache off`] = await measure(first);
      service.responseCache.enabled = true;
      table[`first ${first}: miss`] = await measure(first, bump);
      await ask(first);
      table[`first ${first}: hit`] = await measure(first);
    }
    const { hits, misses } = service.responseCache.stats();
    console.log(`response cache on the nested provisions page: ${REQUESTS} sequential requests per row`);
    console.table(table);
    console.log(`cache lookups: ${hits} hits, ${misses} misses`);
    await service.stop();
  } finally {
    await db.close().catch(() => undefined);
    await throwaway.drop();
  }
}

await main();
