// The Redis the rate-budget tests count in: TEST_REDIS_URL, or the machine's at 127.0.0.1:6379.
// Without one answering, those tests are skipped with the reason in their name, except under
// CI=true, where Redis is required (.ci/run starts it) and its absence fails the run. Each run
// writes under a key prefix of its own and deletes its keys at the end.
import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export type TestRedis = { kind: 'available'; url: string } | { kind: 'unavailable'; reason: string };

/** A client that gives up at once rather than reconnecting (tests and their clean-up). */
export function testRedisClient(url: string): Redis {
  return new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
}

export async function probeRedis(url = TEST_REDIS_URL): Promise<TestRedis> {
  const client = testRedisClient(url);
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return { kind: 'available', url };
  } catch (error) {
    const reason = `no Redis answering at ${new URL(url).host} (${error instanceof Error ? error.message : String(error)})`;
    if (process.env.CI === 'true') throw new Error(`CI=true requires the Redis tests, but ${reason}`);
    return { kind: 'unavailable', reason };
  } finally {
    client.disconnect();
  }
}

/** `describe` for suites that need Redis: skipped, with the reason in its name, when there is none. */
export function describeWithRedis(redis: TestRedis, name: string, suite: (url: string) => void): void {
  if (redis.kind === 'unavailable') describe.skip(`${name} [skipped: ${redis.reason}]`, () => suite('unused'));
  else describe(name, () => suite(redis.url));
}

/** A key prefix no other run uses. */
export function uniqueKeyPrefix(): string {
  return `kb-test:${randomUUID()}:`;
}

/** Deletes every key under `prefix`; returns how many there were. */
export async function deleteKeys(url: string, prefix: string): Promise<number> {
  const client = testRedisClient(url);
  await client.connect();
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await client.del(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    client.disconnect();
  }
}
