// The HTTP side of bench/search-http.ts, in its own process: a client sharing the server's
// event loop would bill its own fetch, JSON parsing and timers to the server's latency.
// Driven over IPC (child_process.fork): each message is a query to send; the reply is the time
// the request took, measured here around the fetch alone, and the number of edges returned.
import { BENCH_SEARCH_QUERY } from './search-http-query.js';

const url = process.argv[2];
if (!url || !process.send) throw new Error('usage: fork search-http-client.ts <graphql url> (with an IPC channel)');
const send = process.send.bind(process);

async function overHttp(query: string): Promise<{ ms: number; edges: number }> {
  const started = performance.now();
  const response = await fetch(url as string, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: BENCH_SEARCH_QUERY, variables: { query } }),
  });
  const body = (await response.json()) as { errors?: unknown; data?: { search?: { edges: unknown[] } } };
  const elapsed = performance.now() - started;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return { ms: elapsed, edges: body.data?.search?.edges.length ?? 0 };
}

process.on('message', (message: { query?: string; done?: boolean }) => {
  if (message.done) {
    process.disconnect();
    return;
  }
  overHttp(message.query ?? '').then(
    (reply) => send(reply),
    (error: unknown) => send({ error: String(error) }),
  );
});
