// Rate budgets over HTTP, on both counter stores (each process's memory, and a shared Redis):
// every answer reports the budget in x-ratelimit-* headers, the `rateLimit` field gives the
// query's cost, a query the budget cannot pay is refused with 429 and runs no SQL, API keys have
// budgets of their own, two processes on one Redis spend from one budget, and a dashboard query
// answered from the response cache is charged once, like any other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';
import { deleteKeys, describeWithRedis, probeRedis, uniqueKeyPrefix } from '../support/redis.js';

const redis = await probeRedis();

interface Answer {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

interface Budget {
  limit: number;
  remaining: number;
  used: number;
  reset: number;
}

function budgetOf(answer: Answer): Budget {
  const header = (name: string) => {
    const value = answer.headers.get(`x-ratelimit-${name}`);
    expect(value, `x-ratelimit-${name}`).not.toBeNull();
    return Number(value);
  };
  return { limit: header('limit'), remaining: header('remaining'), used: header('used'), reset: header('reset') };
}

async function post(
  service: TestService,
  query: string,
  headers: Record<string, string> = {},
  variables: Record<string, unknown> = {},
): Promise<Answer> {
  const response = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

// One point (50 nodes) and SQL to run.
const CHEAP = '{ provisions(first: 50) { totalCount edges { node { code } } } }';
// One point for its 10 nodes plus 5 for search: 6 points.
const SIX_POINTS = '{ search(query: "thermal camera", first: 5) { totalCount } provisions(first: 5) { totalCount } }';
const WITH_RATE_LIMIT =
  '{ rateLimit { cost nodeCount limit used remaining resetAt } provisions(first: 50) { totalCount } }';

const KEY_A = 'key-a-0123456789abcdef';
const KEY_B = 'key-b-0123456789abcdef';

function countedIn(store: 'memory' | 'redis', url: string, prefix: string): Record<string, string> {
  return store === 'redis' ? { REDIS_URL: url, REDIS_KEY_PREFIX: prefix } : {};
}

function budgetSuite(store: 'memory' | 'redis', redisUrl: string): void {
  const prefix = uniqueKeyPrefix();
  let service: TestService;
  const env = (extra: Record<string, string>) => ({
    RATE_LIMIT_ENABLED: 'true',
    ...countedIn(store, redisUrl, prefix),
    ...extra,
  });

  beforeAll(async () => {
    service = await startTestService(
      env({
        RATE_LIMIT_POINTS_PER_HOUR: '10',
        RATE_LIMIT_KEY_POINTS_PER_HOUR: '100',
        API_KEYS: `${KEY_A}:30,${KEY_B}`,
        TRUST_PROXY: 'loopback',
      }),
    );
  });
  afterAll(async () => {
    await service?.stop();
    if (store === 'redis') expect(await deleteKeys(redisUrl, prefix)).toBeGreaterThan(0);
  });

  // Each test uses an address of its own (X-Forwarded-For, trusted from loopback): a budget of its own.
  const from = (address: string) => ({ 'x-forwarded-for': address });

  it('reports the budget in headers, and the rateLimit field gives the cost and what is left', async () => {
    const first = await post(service, WITH_RATE_LIMIT, from('198.51.100.1'));
    expect(first.status).toBe(200);
    const budget = budgetOf(first);
    expect(budget).toMatchObject({ limit: 10, used: 1, remaining: 9 });
    const now = Date.now() / 1000;
    expect(budget.reset).toBeGreaterThan(now + 3500);
    expect(budget.reset).toBeLessThanOrEqual(Math.ceil(now + 3600) + 1);
    const rateLimit = first.body.data?.rateLimit as Record<string, unknown>;
    expect(rateLimit).toMatchObject({ cost: 1, nodeCount: 50, limit: 10, used: 1, remaining: 9 });
    expect(Math.ceil(Date.parse(String(rateLimit.resetAt)) / 1000)).toBe(budget.reset);

    const second = await post(service, SIX_POINTS, from('198.51.100.1'));
    expect(second.status).toBe(200);
    const later = budgetOf(second);
    expect(later).toMatchObject({ used: 7, remaining: 3 });
    // The same window (its end measured again, to the second).
    expect(Math.abs(later.reset - budget.reset)).toBeLessThanOrEqual(1);
  });

  it('refuses a query its budget cannot pay with 429, Retry-After and RATE_LIMITED, without running it', async () => {
    const address = from('198.51.100.2');
    expect((await post(service, SIX_POINTS, address)).status).toBe(200);
    const before = service.db.requestStatementCount();
    const refused = await post(service, SIX_POINTS, address);
    expect(service.db.requestStatementCount() - before).toBe(0);
    expect(refused.status).toBe(429);
    expect(refused.body.data ?? null).toBeNull();
    const error = refused.body.errors?.[0];
    expect(error?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      budget: 'address',
      limit: 10,
      cost: 6,
      remaining: 4,
      used: 6,
    });
    const budget = budgetOf(refused);
    expect(budget).toMatchObject({ limit: 10, used: 6, remaining: 4 });
    expect(Math.ceil(Date.parse(String(error?.extensions?.resetAt)) / 1000)).toBe(budget.reset);
    expect(error?.message).toContain('10 points per hour');
    expect(error?.message).toContain(String(error?.extensions?.resetAt));
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3500);
    // An hour's window, the reset rounded up to the second.
    expect(retryAfter).toBeLessThanOrEqual(3601);

    // The refused query spent nothing: a query of one point still fits.
    const cheap = await post(service, CHEAP, address);
    expect(cheap.status).toBe(200);
    expect(budgetOf(cheap)).toMatchObject({ used: 7, remaining: 3 });
  });

  it('reports the budget on answers that are not charged: parse errors and queries over the query limits', async () => {
    const address = from('198.51.100.3');
    await post(service, CHEAP, address);
    const broken = await post(service, '{ provisions(first: 5) {', address);
    expect(broken.status).toBe(400);
    expect(budgetOf(broken)).toMatchObject({ limit: 10, used: 1, remaining: 9 });
    const tooMany =
      '{ exemptions(first: 100) { edges { node { provisions(first: 100) { edges { node { code } } } } } } a: exemptions(first: 100) { edges { node { provisions(first: 100) { edges { node { code } } } } } } b: exemptions(first: 100) { edges { node { provisions(first: 100) { edges { node { code } } } } } } c: exemptions(first: 100) { edges { node { provisions(first: 100) { edges { node { code } } } } } } d: exemptions(first: 100) { edges { node { provisions(first: 100) { edges { node { code } } } } } } }';
    const refused = await post(service, tooMany, address);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(budgetOf(refused)).toMatchObject({ used: 1, remaining: 9 });
  });

  it('charges API keys to their own budgets, named by authorization: Bearer or x-api-key alike', async () => {
    const viaBearer = await post(service, SIX_POINTS, { authorization: `Bearer ${KEY_A}`, ...from('198.51.100.4') });
    expect(budgetOf(viaBearer)).toMatchObject({ limit: 30, used: 6, remaining: 24 });
    const viaHeader = await post(service, SIX_POINTS, { 'x-api-key': KEY_A, ...from('198.51.100.5') });
    expect(budgetOf(viaHeader)).toMatchObject({ limit: 30, used: 12 });
    const otherKey = await post(service, CHEAP, { 'x-api-key': KEY_B });
    expect(budgetOf(otherKey)).toMatchObject({ limit: 100, used: 1 });
    // The address the key was used from still has its whole anonymous budget.
    expect(budgetOf(await post(service, CHEAP, from('198.51.100.4')))).toMatchObject({ limit: 10, used: 1 });
    const rateLimit = await post(service, WITH_RATE_LIMIT, { authorization: `Bearer ${KEY_A}` });
    expect(rateLimit.body.data?.rateLimit).toMatchObject({ limit: 30, used: 13, remaining: 17, cost: 1 });
  });

  it('refuses an unknown key with 401 UNAUTHENTICATED rather than charging it to the address', async () => {
    const unknown: Record<string, string>[] = [
      { 'x-api-key': 'not-a-configured-key-at-all' },
      { authorization: 'Basic dXNlcjpwYXNz' },
    ];
    for (const headers of unknown) {
      const answer = await post(service, CHEAP, headers);
      expect(answer.status).toBe(401);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(answer.body.data ?? null).toBeNull();
    }
  });

  it('answers a dashboard query from the response cache and charges it once per request', async () => {
    // consultationStats costs 5 points plus 1 for its nodes; the key's budget of 100 pays for both.
    const key = { 'x-api-key': KEY_B };
    const query = '{ consultationStats { consultationCount recordedSubmissionCount } }';
    const first = await post(service, query, key);
    expect(first.body.errors).toBeUndefined();
    const hitsBefore = service.responseCache.hits;
    const second = await post(service, query, key);
    expect(second.body).toEqual(first.body);
    expect(service.responseCache.hits).toBe(hitsBefore + 1);
    expect(budgetOf(second).used - budgetOf(first).used).toBe(6);
  });

  // Starting a further service (loading the database again) is slow on a busy machine.
  const STARTS_A_SERVICE = 180_000;

  if (store === 'memory') {
    it(
      'without a trusted proxy, X-Forwarded-For does not choose the budget',
      async () => {
        const plain = await startTestService(env({ RATE_LIMIT_POINTS_PER_HOUR: '10' }));
        try {
          const first = budgetOf(await post(plain, CHEAP, from('203.0.113.1')));
          const second = budgetOf(await post(plain, CHEAP, from('203.0.113.2')));
          expect(second.used).toBe(first.used + 1);
        } finally {
          await plain.stop();
        }
      },
      STARTS_A_SERVICE,
    );
  }

  if (store === 'redis') {
    it(
      'two API processes on one Redis spend from one budget',
      async () => {
        const other = await startTestService(
          env({ RATE_LIMIT_POINTS_PER_HOUR: '10', RATE_LIMIT_KEY_POINTS_PER_HOUR: '100', TRUST_PROXY: 'loopback' }),
        );
        try {
          const address = from('198.51.100.7');
          expect(budgetOf(await post(service, SIX_POINTS, address))).toMatchObject({ used: 6, remaining: 4 });
          const refused = await post(other, SIX_POINTS, address);
          expect(refused.status).toBe(429);
          expect(budgetOf(await post(other, CHEAP, address))).toMatchObject({ used: 7, remaining: 3 });
          expect(budgetOf(await post(service, CHEAP, address))).toMatchObject({ used: 8, remaining: 2 });
        } finally {
          await other.stop();
        }
      },
      STARTS_A_SERVICE,
    );
  }
}

describeWithDatabase('rate budgets', () => {
  describe('counted in process memory', () => budgetSuite('memory', 'unused'));
  describeWithRedis(redis, 'counted in Redis', (url) => budgetSuite('redis', url));
});
