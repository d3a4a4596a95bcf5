// The rate budgets' counters on both stores, and what happens when Redis is not there or goes
// away: the counting falls back to the process's memory (still refusing past the budget), the
// loss is logged once as a warning, and the shared counts resume when Redis answers again. The
// Redis that goes away is a private redis-server this file starts on a free port and stops;
// the machine's shared Redis is only written under a key prefix of this run, deleted at the end.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { RateBudgetConfig } from '../../src/server/rate-budget.js';
import { keyFingerprint, RateBudgetStore } from '../../src/server/rate-budget.js';
import { deleteKeys, describeWithRedis, probeRedis, testRedisClient, uniqueKeyPrefix } from '../support/redis.js';

const redis = await probeRedis();

function capturingLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

function config(overrides: Partial<RateBudgetConfig> = {}): RateBudgetConfig {
  return {
    RATE_LIMIT_ENABLED: true,
    RATE_LIMIT_POINTS_PER_HOUR: 10,
    RATE_LIMIT_KEY_POINTS_PER_HOUR: 100,
    API_KEYS: [{ key: 'own-budget-key-0123', pointsPerHour: 20 }, { key: 'default-budget-key-0123' }],
    REDIS_KEY_PREFIX: uniqueKeyPrefix(),
    ...overrides,
  };
}

/** Spends 6, is refused 6 (4 left), spends 1: what every store must do. */
async function expectBudgetKept(store: RateBudgetStore, address: string): Promise<void> {
  const client = store.clientOf({}, address);
  if (!client) throw new Error('rate budgets are on');
  expect(await store.peek(client)).toMatchObject({ limit: 10, used: 0, remaining: 10 });
  expect(await store.charge(client, 6)).toMatchObject({ allowed: true, state: { used: 6, remaining: 4 } });
  expect(await store.charge(client, 6)).toMatchObject({ allowed: false, state: { used: 6, remaining: 4 } });
  const last = await store.charge(client, 1);
  expect(last).toMatchObject({ allowed: true, state: { limit: 10, used: 7, remaining: 3 } });
  const untilReset = (last?.state.resetAt.getTime() ?? 0) - Date.now();
  expect(untilReset).toBeGreaterThan(3_590_000);
  expect(untilReset).toBeLessThanOrEqual(3_601_000);
}

describe('rate budget store', () => {
  it('reads the client: an API key (Bearer or x-api-key) with its own or the default budget, else the address', () => {
    const store = new RateBudgetStore(config(), capturingLogger().logger);
    expect(store.clientOf({ authorization: 'Bearer own-budget-key-0123' }, '192.0.2.1')).toEqual({
      kind: 'key',
      id: keyFingerprint('own-budget-key-0123'),
      pointsPerHour: 20,
    });
    expect(store.clientOf({ 'x-api-key': 'default-budget-key-0123' }, '192.0.2.1')).toMatchObject({
      kind: 'key',
      pointsPerHour: 100,
    });
    expect(store.clientOf({}, '192.0.2.1')).toEqual({ kind: 'address', id: '192.0.2.1', pointsPerHour: 10 });
    expect(() => store.clientOf({ 'x-api-key': 'wrong-key-0123456789' }, '192.0.2.1')).toThrow(/API key is not known/);
    // The fingerprint names the key in counters and logs; the key itself is never stored there.
    expect(keyFingerprint('own-budget-key-0123')).not.toContain('own-budget');
  });

  it('reads no key when none is configured, and no client at all when budgets are off', () => {
    const noKeys = new RateBudgetStore(config({ API_KEYS: [] }), capturingLogger().logger);
    expect(noKeys.clientOf({ 'x-api-key': 'anything-at-all-here' }, '192.0.2.1')).toMatchObject({ kind: 'address' });
    const off = new RateBudgetStore(config({ RATE_LIMIT_ENABLED: false }), capturingLogger().logger);
    expect(off.clientOf({}, '192.0.2.1')).toBeUndefined();
  });

  it('charges nothing and reports no budget for a kind of client whose budget is 0', async () => {
    const store = new RateBudgetStore(config({ RATE_LIMIT_POINTS_PER_HOUR: 0 }), capturingLogger().logger);
    const client = store.clientOf({}, '192.0.2.1');
    expect(client).toBeDefined();
    if (!client) return;
    expect(await store.charge(client, 5)).toBeNull();
    expect(await store.peek(client)).toBeNull();
  });

  it('counts in process memory without REDIS_URL', async () => {
    const store = new RateBudgetStore(config(), capturingLogger().logger);
    expect(store.store).toBe('memory');
    await expectBudgetKept(store, '192.0.2.2');
    await store.close();
  });

  describeWithRedis(redis, 'in Redis', (url) => {
    const prefix = uniqueKeyPrefix();
    afterAll(async () => {
      expect(await deleteKeys(url, prefix)).toBeGreaterThan(0);
    });

    it('keeps the budget in Redis, where a second store (another process) sees it', async () => {
      const { logger, lines } = capturingLogger();
      const one = new RateBudgetStore(config({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix }), logger);
      const two = new RateBudgetStore(config({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix }), logger);
      try {
        expect(one.store).toBe('redis');
        await Promise.all([one.connected(), two.connected()]);
        await expectBudgetKept(one, '192.0.2.3');
        const client = two.clientOf({}, '192.0.2.3');
        if (!client) throw new Error('rate budgets are on');
        expect(await two.charge(client, 4)).toMatchObject({ allowed: false, state: { used: 7, remaining: 3 } });
        const reader = testRedisClient(url);
        await reader.connect();
        expect(await reader.get(`${prefix}rate:address:192.0.2.3`)).toBe('7');
        reader.disconnect();
        expect(lines.filter((line) => line.level >= 40)).toEqual([]);
      } finally {
        await Promise.all([one.close(), two.close()]);
      }
    });
  });
});

/** A free TCP port on the loopback interface. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const redisServerInstalled = spawnSync('redis-server', ['--version']).status === 0;
if (!redisServerInstalled && process.env.CI === 'true') {
  throw new Error('CI=true requires redis-server (the Redis-down tests start a private one)');
}
function describeWithRedisServer(name: string, suite: () => void): void {
  if (redisServerInstalled) describe(name, suite);
  else describe.skip(`${name} [skipped: redis-server is not installed]`, suite);
}

async function startPrivateRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if ((await probeRedisQuietly(url)) === true) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the private redis-server on port ${port} did not answer`);
}

async function probeRedisQuietly(url: string): Promise<boolean> {
  const client = testRedisClient(url);
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describeWithRedisServer('rate budget store when Redis is down', () => {
  it('without Redis answering from the start, counts in memory, still refuses past the budget, and warns once', async () => {
    const { logger, lines } = capturingLogger();
    const store = new RateBudgetStore(config({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` }), logger);
    try {
      await expectBudgetKept(store, '192.0.2.4');
      await waitFor(() => lines.some((line) => line.level === 40), 'the warning');
      const warnings = lines.filter((line) => line.level === 40);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.msg).toContain("counted in this process's memory");
    } finally {
      await store.close();
    }
  });

  it('when Redis goes away mid-window, keeps answering from memory, and shares the counts again once it is back', async () => {
    const port = await freePort();
    let server = await startPrivateRedis(port);
    const { logger, lines } = capturingLogger();
    const store = new RateBudgetStore(config({ REDIS_URL: `redis://127.0.0.1:${port}` }), logger);
    try {
      await store.connected();
      const client = store.clientOf({}, '192.0.2.5');
      if (!client) throw new Error('rate budgets are on');
      expect(await store.charge(client, 3)).toMatchObject({ allowed: true, state: { used: 3 } });

      await stopProcess(server);
      const started = Date.now();
      // Counted in memory from zero: Redis's count is out of reach, never a refusal because of it.
      expect(await store.charge(client, 6)).toMatchObject({ allowed: true, state: { used: 6 } });
      expect(await store.charge(client, 6)).toMatchObject({ allowed: false, state: { remaining: 4 } });
      // Not held by the missing Redis (generous bound: the command timeout is 500 ms).
      expect(Date.now() - started).toBeLessThan(5_000);
      await waitFor(() => lines.some((line) => line.level === 40), 'the warning');

      server = await startPrivateRedis(port);
      await waitFor(() => lines.some((line) => line.msg.includes('answers again')), 'the return of Redis');
      // The private server started empty: the window begins again in Redis.
      expect(await store.charge(client, 2)).toMatchObject({ allowed: true, state: { used: 2 } });
      expect(lines.filter((line) => line.level === 40)).toHaveLength(1);
    } finally {
      await store.close();
      await stopProcess(server);
    }
  });
});
