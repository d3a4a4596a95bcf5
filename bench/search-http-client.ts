// The HTTP side of bench/search-http.ts, in its own process: a client sharing the server's
// event loop would bill its own fetch, JSON parsing and timers to the server's latency.
// Usage: tsx bench/search-http-client.ts <graphql url> <rounds>; prints the times as JSON.
import { BENCH_QUERIES } from './search-queries.js';
import { BENCH_SEARCH_QUERY } from './search-http-query.js';

const [url, roundsText] = process.argv.slice(2);
if (!url || !roundsText) throw new Error('usage: search-http-client.ts <graphql url> <rounds>');
const rounds = Number(roundsText);

async function overHttp(query: string): Promise<void> {
  const response = await fetch(url as string, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: BENCH_SEARCH_QUERY, variables: { query } }) });
  const body = (await response.json()) as { errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
}

for (const query of BENCH_QUERIES) await overHttp(query); // warm-up
const times: number[] = [];
for (let round = 0; round < rounds; round += 1) {
  for (const query of BENCH_QUERIES) {
    const started = performance.now();
    await overHttp(query);
    times.push(performance.now() - started);
  }
}
process.stdout.write(JSON.stringify(times));
