// Over ten thousand generated bad requests (test/support/fuzz-requests.ts) against the running
// service, eight at a time: none may answer 5xx or a masked internal error, hang, or leak a stack
// trace, SQL error, file path or file content; afterwards the heap is back near where it was and
// the service answers a known query exactly as before. The generator is seeded: the seed is
// printed, and FUZZ_SEED=<seed> (FUZZ_REQUESTS=<n>) reproduces a run.
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fuzzRequest, type FuzzRequest } from '../support/fuzz-requests.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_206);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_400);
const CONCURRENCY = 8;
/** Requests generated at a time (a chunk's seed is SEED + its index), so they are not all held at once. */
const CHUNK = 400;
const REQUEST_TIMEOUT_MS = 30_000;
/** Growth of the live heap, after collection, that the run may leave behind (caches fill up). */
const HEAP_GROWTH_BOUND = 64 * 1024 * 1024;

const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));
/** What only the server could have added to an answer: none of the payloads contains one. */
const LEAKS: readonly [string, RegExp][] = [
  ['stack frame', /\bat (?:async )?[\w$.<>]+ \(?(?:file:|node:|\/)[^)\s]*:\d+:\d+/u],
  ['stack trace field', /"stacktrace"/iu],
  ['repository path', new RegExp(REPOSITORY.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'), 'u')],
  ['node_modules path', /node_modules/u],
  ['source file', /\.(?:ts|js|mjs):\d+/u],
  [
    'PostgreSQL error',
    /syntax error at or near|relation "[^"]*" does not exist|column "[^"]*" does not exist|invalid input syntax for|unterminated quoted|current transaction is aborted|SQLSTATE|violates [\w ]*constraint/u,
  ],
  ['Prisma error', /PrismaClient\w*Error|Invalid `prisma|DriverAdapterError|P\d{4}:/u],
  ['connection error', /ECONNREFUSED|ECONNRESET|ETIMEDOUT/u],
  ['file content', /root:x:0:0|\[extensions\]|PATH=\//u],
];

interface Failure {
  index: number;
  kind: string;
  what: string;
  request: string;
}

function describeRequest(request: FuzzRequest): string {
  const body = request.body ? Buffer.from(request.body).toString('utf8') : '';
  const shown = body.length > 300 ? `${body.slice(0, 300)}... (${body.length} bytes)` : body;
  return `${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.headers)} ${shown}`;
}

/** Problems with one answer: a 5xx, a masked internal error, a leak, a reflected script. */
function problemsOf(status: number, contentType: string, text: string): string[] {
  const problems: string[] = [];
  if (status >= 500) problems.push(`HTTP ${status}: ${text.slice(0, 300)}`);
  if (text.includes('INTERNAL_SERVER_ERROR'))
    problems.push(`masked internal error (HTTP ${status}): ${text.slice(0, 300)}`);
  for (const [name, pattern] of LEAKS) {
    const found = pattern.exec(text);
    if (found) problems.push(`leaked ${name}: ...${text.slice(Math.max(0, found.index - 80), found.index + 120)}...`);
  }
  if (contentType.includes('text/html') && /<script>alert|onerror=alert|onload=alert/u.test(text))
    problems.push('hostile markup reflected in an HTML answer');
  return problems;
}

/** The collector, made callable without --expose-gc (vitest's workers run without it). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function liveHeap(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describeWithDatabase('fuzz: generated bad requests', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  async function send(request: FuzzRequest): Promise<Response> {
    return fetch(`${service.url}${request.path}`, {
      method: request.method,
      headers: request.headers,
      ...(request.body && request.method !== 'GET' && request.method !== 'HEAD' ? { body: request.body } : {}),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  }

  const KNOWN = JSON.stringify({
    query:
      '{ provision(code: "6A003", regime: US_EAR) { code title kind paragraphs { code } } search(query: "thermal camera", first: 3) { totalCount edges { cursor } } }',
  });

  it(`answers ${REQUESTS} generated bad requests without a 5xx, a leak or a hang, and is itself afterwards`, async () => {
    const gc = collector();
    const known = await service.post(KNOWN);
    expect(known.status).toBe(200);
    const knownAnswer = (await known.json()) as unknown;
    expect(JSON.stringify(knownAnswer)).toContain('"code":"6A003"');
    const heapBefore = liveHeap(gc);
    const rssBefore = process.memoryUsage().rss;

    console.log(
      `fuzz seed ${SEED}: ${REQUESTS} requests, ${CONCURRENCY} at a time (FUZZ_SEED=${SEED} reproduces this run)`,
    );
    const failures: Failure[] = [];
    const statuses = new Map<string, Map<number, number>>();
    const slowest: { ms: number; what: string }[] = [];
    const started = performance.now();
    for (let chunk = 0; chunk * CHUNK < REQUESTS; chunk += 1) {
      const count = Math.min(CHUNK, REQUESTS - chunk * CHUNK);
      const requests = fc.sample(fuzzRequest, { seed: SEED + chunk, numRuns: count });
      let next = 0;
      const worker = async () => {
        for (let position = next++; position < requests.length; position = next++) {
          const request = requests[position] as FuzzRequest;
          const index = chunk * CHUNK + position;
          let problems: string[];
          const sentAt = performance.now();
          try {
            const response = await send(request);
            const text = await response.text();
            const took = performance.now() - sentAt;
            slowest.push({ ms: took, what: `#${index} [${request.kind}] ${describeRequest(request).slice(0, 200)}` });
            slowest.sort((a, b) => b.ms - a.ms).splice(5);
            problems = problemsOf(response.status, response.headers.get('content-type') ?? '', text);
            const byStatus = statuses.get(request.kind) ?? new Map<number, number>();
            byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1);
            statuses.set(request.kind, byStatus);
          } catch (error) {
            problems = [`no answer: ${String(error)}`];
          }
          for (const what of problems)
            failures.push({ index, kind: request.kind, what, request: describeRequest(request) });
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    }
    const seconds = (performance.now() - started) / 1000;

    const summary = [...statuses].map(
      ([kind, byStatus]) => `${kind}: ${[...byStatus].map(([status, n]) => `${status} x${n}`).join(', ')}`,
    );
    console.log(`fuzz: ${REQUESTS} requests in ${seconds.toFixed(1)} s\n  ${summary.join('\n  ')}`);
    console.log(
      `fuzz: slowest answers\n  ${slowest.map((slow) => `${slow.ms.toFixed(0)} ms ${slow.what}`).join('\n  ')}`,
    );
    if (failures.length > 0) {
      const byKind = new Map<string, number>();
      for (const failure of failures) byKind.set(failure.kind, (byKind.get(failure.kind) ?? 0) + 1);
      console.log(`fuzz: problems by family: ${[...byKind].map(([kind, n]) => `${kind} x${n}`).join(', ')}`);
      console.log(
        `fuzz seed ${SEED}: ${failures.length} problems; the first ones:\n${failures
          .slice(0, 15)
          .map((failure) => `#${failure.index} [${failure.kind}] ${failure.what}\n    ${failure.request}`)
          .join('\n')}`,
      );
    }

    // Still alive and answering as before (checked before the problems, which do not stop the run).
    const health = await fetch(`${service.url}/healthz`);
    expect(health.status).toBe(200);
    const after = await service.post(KNOWN);
    expect(after.status).toBe(200);
    expect((await after.json()) as unknown).toEqual(knownAnswer);

    const heapAfter = liveHeap(gc);
    const rssAfter = process.memoryUsage().rss;
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    console.log(
      `fuzz memory: live heap ${mb(heapBefore)} -> ${mb(heapAfter)}, RSS ${mb(rssBefore)} -> ${mb(rssAfter)}`,
    );
    expect(heapAfter - heapBefore).toBeLessThan(HEAP_GROWTH_BOUND);
    expect(failures.map((failure) => `#${failure.index} [${failure.kind}] ${failure.what.slice(0, 160)}`)).toEqual([]);
  }, 600_000);
});
