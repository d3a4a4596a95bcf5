// What operators see: one trimmed access-log line per request, each GraphQL error logged once
// with its code, and Prometheus series at /metrics that move as requests are answered. The
// service logs into a stream the test reads back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { describeWithDatabase, startTestService, testDatabase, type TestService } from '../support/test-service.js';

type LogLine = Record<string, unknown>;

function capturedLogger() {
  const lines: LogLine[] = [];
  const logger = createLogger(
    { LOG_LEVEL: 'info' },
    {
      write(chunk: string) {
        for (const text of chunk.split('\n')) if (text.trim() !== '') lines.push(JSON.parse(text) as LogLine);
      },
    },
  );
  return { logger, lines };
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text format (enough of it for these series). */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1] ?? ''] = pair[2] ?? '';
    samples.push({ name: match[1] ?? '', labels, value: Number(match[3]) });
  }
  return samples;
}

function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find(
    (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  )?.value;
}

const SEARCH = 'query WebSearch { search(query: "thermal camera", first: 5) { totalCount } }';
const IMPACT = 'query WebImpactStats { impactStats(measures: [COUNT]) { rowCount } }';

describeWithDatabase('observability', () => {
  let service: TestService;
  const { logger, lines } = capturedLogger();
  beforeAll(async () => {
    service = await startTestService({ LOG_LEVEL: 'info', METRICS_ENABLED: 'true' }, { logger });
  });
  afterAll(async () => {
    await service?.stop();
  });

  async function post(body: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
    return { status: response.status, requestId: response.headers.get('x-request-id') ?? '', json };
  }

  async function scrape(): Promise<Sample[]> {
    const response = await fetch(`${service.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(await response.text());
  }

  /** The lines logged for one request, once its access line is written (after the response). */
  async function linesOf(requestId: string): Promise<LogLine[]> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const own = lines.filter((line) => line.requestId === requestId);
      if (own.some((line) => line.msg === 'request')) return own;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no access-log line for ${requestId}`);
  }

  it('writes one access-log line per request with exactly the trimmed fields', async () => {
    const answer = await post(
      { query: SEARCH, operationName: 'WebSearch' },
      { authorization: 'Bearer secret-value', 'user-agent': 'observability-test' },
    );
    expect(answer.status).toBe(200);
    const access = (await linesOf(answer.requestId)).filter((line) => line.msg === 'request');
    expect(access).toHaveLength(1);
    const line = access[0] ?? {};
    expect(Object.keys(line).sort()).toEqual(
      [
        'cost',
        'durationMs',
        'level',
        'method',
        'msg',
        'operation',
        'path',
        'requestId',
        'service',
        'status',
        'time',
      ].sort(),
    );
    expect(line).toMatchObject({ level: 30, method: 'POST', path: '/graphql', status: 200, operation: 'WebSearch' });
    // 1 point for up to 100 nodes plus the search field's price.
    expect(line.cost).toBe(6);
    expect(typeof line.durationMs).toBe('number');
    const text = JSON.stringify(line);
    expect(text).not.toContain('secret-value');
    expect(text).not.toContain('observability-test');
    expect(text).not.toContain('thermal');
    expect(text.length).toBeLessThan(250);
  });

  it('logs a non-GraphQL request without operation fields, and a caller-given request id', async () => {
    const response = await fetch(`${service.url}/no-such-path?token=abc`, {
      headers: { accept: 'application/json', 'x-request-id': 'caller-id-42' },
    });
    expect(response.status).toBe(404);
    const [line] = (await linesOf('caller-id-42')).filter((entry) => entry.msg === 'request');
    expect(line).toMatchObject({ method: 'GET', path: '/no-such-path', status: 404 });
    expect(line).not.toHaveProperty('operation');
    expect(line).not.toHaveProperty('cost');
  });

  it('logs each GraphQL error once, with its code, at info for what the client got wrong', async () => {
    const invalid = await post({ query: 'query WebSearch { search(query: "x", first: 5) { noSuchField } }' });
    expect(invalid.status).toBe(400);
    const badPage = await post({ query: 'query { provisions(first: 1000) { totalCount } }' });
    expect(badPage.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tooDeep = await post({
      query: `query { provisions(first: 1) { edges { node { ${'children { '.repeat(10)} code ${'} '.repeat(10)} } } } }`,
    });
    expect(tooDeep.json.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');

    for (const [answer, code] of [
      [invalid, 'GRAPHQL_VALIDATION_FAILED'],
      [badPage, 'BAD_USER_INPUT'],
      [tooDeep, 'QUERY_LIMIT_EXCEEDED'],
    ] as const) {
      const own = await linesOf(answer.requestId);
      const errorLines = own.filter((line) => line.msg !== 'request');
      expect(errorLines).toHaveLength(answer.json.errors?.length ?? 0);
      for (const line of errorLines) {
        expect(line).toMatchObject({ level: 30, code });
        expect(line).not.toHaveProperty('err');
      }
      const [access] = own.filter((line) => line.msg === 'request');
      expect(access?.status).toBe(answer.status);
    }
    const limitAccess = (await linesOf(tooDeep.requestId)).find((line) => line.msg === 'request');
    // Refused before execution, yet its cost was counted and is logged (null when counting never ran).
    expect(limitAccess).toHaveProperty('cost');
  });

  it('exposes the named series at /metrics, and they move after requests', async () => {
    const before = await scrape();
    const operationCount = (samples: Sample[], operation: string) =>
      valueOf(samples, 'kb_graphql_operation_duration_seconds_count', { operation }) ?? 0;

    expect((await post({ query: SEARCH })).status).toBe(200);
    expect((await post({ query: 'query SomeScraperName { __typename }' })).status).toBe(200);
    expect((await post({ query: '{ __typename }' })).status).toBe(200);
    expect((await post({ query: IMPACT })).status).toBe(200);
    expect((await post({ query: IMPACT })).status).toBe(200);
    const badPage = await post({ query: 'query { provisions(first: 1000) { totalCount } }' });
    expect(badPage.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const after = await scrape();
    expect(operationCount(after, 'WebSearch')).toBe(operationCount(before, 'WebSearch') + 1);
    // Names the web app does not use share one series; so do anonymous operations.
    expect(operationCount(after, 'other')).toBe(operationCount(before, 'other') + 1);
    expect(valueOf(after, 'kb_graphql_operation_duration_seconds_count', { operation: 'SomeScraperName' })).toBe(
      undefined,
    );
    expect(operationCount(after, 'anonymous')).toBe(operationCount(before, 'anonymous') + 2);
    expect(operationCount(after, 'WebImpactStats')).toBe(operationCount(before, 'WebImpactStats') + 2);
    expect(valueOf(after, 'kb_graphql_operation_duration_seconds_bucket', { operation: 'WebSearch', le: '+Inf' })).toBe(
      operationCount(after, 'WebSearch'),
    );

    const errors = (samples: Sample[]) => valueOf(samples, 'kb_graphql_errors_total', { code: 'BAD_USER_INPUT' }) ?? 0;
    expect(errors(after)).toBe(errors(before) + 1);

    const lookups = (samples: Sample[], outcome: string, reads = 'dashboard') =>
      valueOf(samples, 'kb_response_cache_lookups_total', { outcome, reads }) ?? 0;
    // The repeated dashboard operation is a hit; it and both __typename-only operations (cacheable
    // too) were misses the first time. The provisions page (a catalogue read) was a miss, and its
    // error kept it out of the cache; the search is never looked up.
    expect(lookups(after, 'hit')).toBe(lookups(before, 'hit') + 1);
    expect(lookups(after, 'miss')).toBe(lookups(before, 'miss') + 3);
    expect(lookups(after, 'hit', 'catalogue')).toBe(lookups(before, 'hit', 'catalogue'));
    expect(lookups(after, 'miss', 'catalogue')).toBe(lookups(before, 'miss', 'catalogue') + 1);
    expect(valueOf(after, 'kb_response_cache_size', { unit: 'entries' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(after, 'kb_response_cache_size', { unit: 'bytes' })).toBeGreaterThan(0);

    const http = (samples: Sample[]) =>
      valueOf(samples, 'kb_http_requests_total', { method: 'POST', route: '/graphql', status: '200' }) ?? 0;
    // Six POSTs answered 200: a field error (the page size) is an answer with errors, not an HTTP failure.
    expect(http(after)).toBe(http(before) + 6);

    expect(valueOf(after, 'kb_rate_limit_rejections_total')).toBe(0);
    expect(valueOf(after, 'kb_search_outbox_backlog')).toBeGreaterThanOrEqual(0);
    expect(valueOf(after, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(valueOf(after, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    if (testDatabase.kind === 'postgresql') {
      expect(valueOf(after, 'kb_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
      expect(valueOf(after, 'kb_db_pool_connections', { state: 'idle' })).toBeGreaterThanOrEqual(0);
      expect(valueOf(after, 'kb_db_pool_waiting_queries')).toBe(0);
    } else {
      expect(valueOf(after, 'kb_db_pool_connections', { state: 'total' })).toBeUndefined();
    }
    // Scrapes are counted, not logged.
    expect(lines.some((line) => line.msg === 'request' && line.path === '/metrics')).toBe(false);
  });

  it('counts search outbox rows waiting for the index', async () => {
    const backlog = async () => valueOf(await scrape(), 'kb_search_outbox_backlog') ?? Number.NaN;
    const before = await backlog();
    // Not due for a day, so the background indexer leaves it where it is.
    const row = await service.db.prisma.searchOutbox.create({
      data: {
        entityType: 'PROVISION',
        entityId: 'observability-test-row',
        operation: 'UPSERT',
        availableAt: new Date(Date.now() + 86_400_000),
      },
    });
    try {
      expect(await backlog()).toBe(before + 1);
    } finally {
      await service.db.prisma.searchOutbox.delete({ where: { id: row.id } });
    }
    expect(await backlog()).toBe(before);
  });
});

describeWithDatabase('the /metrics endpoint', () => {
  describe('with a token', () => {
    let service: TestService;
    beforeAll(async () => {
      service = await startTestService({ METRICS_ENABLED: 'true', METRICS_TOKEN: 'scrape-token-0123456789' });
    });
    afterAll(async () => {
      await service?.stop();
    });

    it('refuses a scrape without the bearer token or with a wrong one, and answers with it', async () => {
      const none = await fetch(`${service.url}/metrics`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await none.text()).not.toContain('kb_');
      const wrong = await fetch(`${service.url}/metrics`, { headers: { authorization: 'Bearer scrape-token-9' } });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${service.url}/metrics`, {
        headers: { authorization: 'Bearer scrape-token-0123456789' },
      });
      expect(right.status).toBe(200);
      expect(await right.text()).toContain('kb_graphql_errors_total');
    });
  });

  describe('off (the default)', () => {
    let service: TestService;
    beforeAll(async () => {
      service = await startTestService();
    });
    afterAll(async () => {
      await service?.stop();
    });

    it('answers 404', async () => {
      const response = await fetch(`${service.url}/metrics`, { headers: { accept: 'application/json' } });
      expect(response.status).toBe(404);
    });
  });
});
