// A request stops working, not only answering, when its deadline passes, when its client leaves
// or when the service must stop; an answer larger than the response cap is refused. The work is
// measured by the database statements the requests ran (Database.requestStatementCount), never by time:
// fifteen classifyItem aliases run one statement each (the cited provisions) after tens of
// milliseconds of evaluation each, so a stopped request shows as far fewer statements.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithDatabase, startTestService, testDatabase, type TestService } from '../support/test-service.js';

const ALIASES = 15;

const CAMERA_FACTS = [
  { name: 'item_kind', choice: 'camera' },
  { name: 'incorporates_focal_plane_array', boolean: true },
  { name: 'space_qualified', boolean: false },
  { name: 'focal_plane_array_geometry', choice: 'two_dimensional' },
  { name: 'microbolometer', boolean: true },
  { name: 'detection_mechanism', choice: 'bolometric' },
  { name: 'unfiltered_response_shortest_wavelength', number: 8, unit: 'um' },
  { name: 'unfiltered_response_longest_wavelength', number: 14, unit: 'um' },
  { name: 'focal_plane_array_elements', number: 640 * 512, unit: '' },
];

/** Fifteen classifications of the camera at different frame rates: expensive, within every query limit. */
function classificationsBody(): string {
  const indexes = Array.from({ length: ALIASES }, (_, index) => index);
  const query = `query ManyClassifications(${indexes.map((index) => `$item${index}: ItemInput!`).join(', ')}) {
${indexes.map((index) => `  c${index}: classifyItem(item: $item${index}) { controlled }`).join('\n')}
}`;
  const variables = Object.fromEntries(
    indexes.map((index) => [
      `item${index}`,
      { facts: [...CAMERA_FACTS, { name: 'frame_rate', number: index + 1, unit: 'Hz' }] },
    ]),
  );
  return JSON.stringify({ query, variables });
}

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function send(service: TestService, body: string, signal?: AbortSignal) {
  const response = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    ...(signal ? { signal } : {}),
  });
  return { status: response.status, body: (await response.json()) as Body };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}

function expectFewerThanComplete(statements: number): void {
  // A complete run: one statement per classification (see classification.test.ts).
  expect(statements).toBeLessThan(ALIASES / 2);
}

describeWithDatabase('deadlines', () => {
  /** Default deadline; stop() stops in-flight requests' work at once (80% of 1 ms is 0 ms). */
  let service: TestService;
  /** A 1 ms deadline and a 2,000-byte response cap. */
  let strict: TestService;
  beforeAll(async () => {
    [service, strict] = await Promise.all([
      startTestService({ SHUTDOWN_TIMEOUT_MS: '1' }),
      startTestService({ REQUEST_DEADLINE_MS: '1', RESPONSE_MAX_BYTES: '2000' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([service?.stop(), strict?.stop()]);
  });

  it('runs the fifteen classifications to the end within the default deadline, one statement each', async () => {
    const before = service.db.requestStatementCount();
    const answer = await send(service, classificationsBody());
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(Object.keys(answer.body.data ?? {})).toHaveLength(ALIASES);
    expect(service.db.requestStatementCount() - before).toBe(ALIASES);
  });

  it('past the deadline: HTTP 504, one REQUEST_TIMEOUT error naming the deadline, and the remaining work is not done', async () => {
    const before = strict.db.requestStatementCount();
    const answer = await send(strict, classificationsBody());
    await until(() => strict.working() === 0);
    expect(answer.status).toBe(504);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toEqual([
      {
        message: expect.stringContaining('deadline of 1 ms') as unknown,
        extensions: { code: 'REQUEST_TIMEOUT', deadlineMs: 1, requestId: expect.any(String) as unknown },
      },
    ]);
    const ran = strict.db.requestStatementCount() - before;
    expectFewerThanComplete(ran);
    // Nothing the stopped request had started runs a statement afterwards.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(strict.db.requestStatementCount() - before).toBe(ran);
  });

  it('a complete answer is sent even past the deadline (no statement, nothing stopped it)', async () => {
    const answer = await send(strict, JSON.stringify({ query: '{ __typename }' }));
    expect(answer).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
  });

  it('an answer over RESPONSE_MAX_BYTES is replaced by RESPONSE_TOO_LARGE naming the cap and the size', async () => {
    const answer = await send(strict, JSON.stringify({ query: '{ itemFacts { name description } }' }));
    expect(answer.status).toBe(200);
    expect(answer.body.data).toBeNull();
    const error = answer.body.errors?.[0];
    expect(answer.body.errors).toHaveLength(1);
    expect(error?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
    expect(error?.extensions?.maxBytes).toBe(2000);
    expect(error?.extensions?.bytes).toBeGreaterThan(2000);
    expect(error?.message).toContain(`${String(error?.extensions?.bytes)} bytes, more than the limit of 2000 bytes`);
  });

  it('stops the work when the client leaves: far fewer statements than a complete run', async () => {
    const before = service.db.requestStatementCount();
    const client = new AbortController();
    const answered = send(service, classificationsBody(), client.signal).then(
      () => 'answered',
      (error: unknown) => (error instanceof Error ? error.name : 'failed'),
    );
    // The work is under way (its first statement ran); then the client goes.
    await until(() => service.db.requestStatementCount() > before);
    client.abort();
    expect(await answered).toBe('AbortError');
    await until(() => service.working() === 0);
    expectFewerThanComplete(service.db.requestStatementCount() - before);
  });

  it('on PostgreSQL the deadline cancels the statement the request waits on [PGlite: a statement runs synchronously in the process and cannot be interrupted; the next one is refused]', async () => {
    if (testDatabase.kind !== 'postgresql') return;
    // Other test files share the database and wait on the lock too: only this service's
    // connections are looked at.
    const waiting = await startTestService({ REQUEST_DEADLINE_MS: '1500' }, { applicationName: 'kb-deadline-cancel' });
    const locker = new pg.Client({ connectionString: testDatabase.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE "ControlProvision" IN ACCESS EXCLUSIVE MODE');
    try {
      // Without the cancel, the statement would wait for the lock until the statement timeout (60 s).
      const answer = await send(waiting, JSON.stringify({ query: '{ provisions(first: 1) { totalCount } }' }));
      expect(answer.status).toBe(504);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('REQUEST_TIMEOUT');
      const blocked = await locker.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database() AND application_name = 'kb-deadline-cancel'",
      );
      expect(blocked.rows[0]?.n).toBe(0);
      // The name does pick out this service's connections (the pool keeps them open).
      const named = await locker.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'kb-deadline-cancel'",
      );
      expect(named.rows[0]?.n).toBeGreaterThan(0);
    } finally {
      await locker.query('COMMIT');
      await locker.end();
      await waiting.stop();
    }
  });

  // Last: it stops the service.
  it('at shutdown, a request still working when its time is up is stopped and answered 503 with Retry-After', async () => {
    const before = service.db.requestStatementCount();
    const answered = fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: classificationsBody(),
    });
    await until(() => service.db.requestStatementCount() > before);
    const stopped = service.stop();
    const response = await answered;
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    const body = (await response.json()) as Body;
    expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    await stopped;
    expectFewerThanComplete(service.db.requestStatementCount() - before);
  });
});
