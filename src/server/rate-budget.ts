// The rate budgets' counters and the reading of who a request is charged to. Counting is
// rate-limiter-flexible's (fixed windows of an hour per client, atomic in Redis through its Lua
// script): in Redis when REDIS_URL is set, so every API process behind a load balancer spends
// from the same budget, otherwise in this process's memory.
//
// Redis down or frozen: the counting falls back to this process's memory (the library's
// insurance limiter), so the API keeps answering and a single client is still held to its
// budget per process; with N processes a client can then spend up to N budgets until Redis
// answers again, when the shared counts resume. The loss and the return of Redis are logged
// once each (a warning, then an info line), not per request. A command waits at most
// REDIS_COMMAND_TIMEOUT_MS, and none is queued while disconnected, so a request never waits on
// Redis for longer than that.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ApiKey, Config } from '../config.js';
import type { RateBudgets, RateBudgetState, RateCharge, RateClient } from '../graphql/rate-budgets.js';
import type { Logger } from '../logger.js';

const WINDOW_SECONDS = 3600;
const REDIS_COMMAND_TIMEOUT_MS = 500;

export type RateBudgetConfig = Pick<
  Config,
  | 'RATE_LIMIT_ENABLED'
  | 'RATE_LIMIT_POINTS_PER_HOUR'
  | 'RATE_LIMIT_KEY_POINTS_PER_HOUR'
  | 'API_KEYS'
  | 'REDIS_URL'
  | 'REDIS_KEY_PREFIX'
>;

/** A short fingerprint of a key: what counters and logs name instead of the key. */
export function keyFingerprint(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

function unknownKey(): GraphQLError {
  return new GraphQLError(
    'The API key is not known. Send a configured key as `authorization: Bearer <key>` or `x-api-key: <key>`, or none to use the budget of your address.',
    {
      extensions: {
        code: 'UNAUTHENTICATED',
        http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) },
      },
    },
  );
}

/** The key a request presents: `authorization: Bearer <key>`, else `x-api-key`. */
function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const bearer = /^Bearer\s+(\S+)\s*$/iu.exec(authorization);
    // Another scheme, or a malformed one, is refused as an unknown key rather than ignored.
    return bearer?.[1] ?? authorization;
  }
  const apiKey = headers['x-api-key'];
  return Array.isArray(apiKey) ? apiKey[0] : apiKey;
}

/**
 * The reset instant is rounded up to the second (the store's remaining time differs by milliseconds
 * from call to call, and a client told to come back must not come back too early).
 */
function stateOf(limit: number, consumed: number, msBeforeNext: number, now: number): RateBudgetState {
  const used = Math.min(Math.max(consumed, 0), limit);
  const resetAt = new Date(Math.ceil((now + Math.max(msBeforeNext, 0)) / 1000) * 1000);
  return { limit, used, remaining: limit - used, resetAt };
}

export class RateBudgetStore implements RateBudgets {
  private readonly keys: ReadonlyMap<string, ApiKey>;
  private readonly limiters = new Map<string, RateLimiterAbstract>();
  private readonly redis: Redis | undefined;
  private redisAnswering = true;

  constructor(
    private readonly config: RateBudgetConfig,
    private readonly logger: Logger,
  ) {
    this.keys = new Map(config.API_KEYS.map((entry) => [keyFingerprint(entry.key), entry]));
    if (config.RATE_LIMIT_ENABLED && config.REDIS_URL !== undefined) {
      this.redis = new Redis(config.REDIS_URL, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
        connectTimeout: 2000,
        // Reconnects for as long as the process runs, at most every two seconds.
        retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
      });
      this.redis.on('error', (error: Error) => {
        if (!this.redisAnswering) return;
        this.redisAnswering = false;
        this.logger.warn(
          { err: error },
          "Redis does not answer: rate budgets are counted in this process's memory until it does",
        );
      });
      this.redis.on('ready', () => {
        if (this.redisAnswering) return;
        this.redisAnswering = true;
        this.logger.info('Redis answers again: rate budgets are shared again');
      });
    }
  }

  /**
   * Resolves once Redis answers, or has failed to (a warning is then logged), within
   * `timeoutMs`: charges made before are counted in memory, so the service waits for this
   * before it accepts requests.
   */
  async connected(timeoutMs = 3000): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        redis.off('ready', done);
        redis.off('error', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      redis.once('ready', done);
      redis.once('error', done);
    });
  }

  /** Where the counters live (the service logs it at start). */
  get store(): 'redis' | 'memory' {
    return this.redis ? 'redis' : 'memory';
  }

  /**
   * Whose budget pays for a request: its API key's, when it presents one (an unknown key is
   * refused with 401, UNAUTHENTICATED), else its address's. Keys are read only when API_KEYS
   * lists some; undefined when rate budgets are off.
   */
  clientOf(headers: IncomingHttpHeaders, address: string | undefined): RateClient | undefined {
    if (!this.config.RATE_LIMIT_ENABLED) return undefined;
    if (this.keys.size > 0) {
      const presented = presentedKey(headers);
      if (presented !== undefined) {
        const fingerprint = keyFingerprint(presented);
        const entry = this.keys.get(fingerprint);
        if (entry === undefined || entry.key !== presented) throw unknownKey();
        return {
          kind: 'key',
          id: fingerprint,
          pointsPerHour: entry.pointsPerHour ?? this.config.RATE_LIMIT_KEY_POINTS_PER_HOUR,
        };
      }
    }
    return { kind: 'address', id: address ?? 'unknown', pointsPerHour: this.config.RATE_LIMIT_POINTS_PER_HOUR };
  }

  private limiterFor(client: RateClient): RateLimiterAbstract {
    const name = `${client.kind}:${client.pointsPerHour}`;
    let limiter = this.limiters.get(name);
    if (limiter === undefined) {
      const options = {
        keyPrefix: `${this.config.REDIS_KEY_PREFIX}rate:${client.kind}`,
        points: client.pointsPerHour,
        duration: WINDOW_SECONDS,
      };
      const memory = new RateLimiterMemory(options);
      limiter = this.redis
        ? new RateLimiterRedis({
            ...options,
            storeClient: this.redis,
            rejectIfRedisNotReady: true,
            insuranceLimiter: memory,
          })
        : memory;
      this.limiters.set(name, limiter);
    }
    return limiter;
  }

  /** Logs once that Redis went away (a connection lost before any error event says so too). */
  private noteRedisState(): void {
    if (!this.redis || !this.redisAnswering) return;
    if (['ready', 'connecting', 'connect'].includes(this.redis.status)) return;
    this.redisAnswering = false;
    this.logger.warn(
      { status: this.redis.status },
      "Redis does not answer: rate budgets are counted in this process's memory until it does",
    );
  }

  async charge(client: RateClient, points: number): Promise<RateCharge | null> {
    if (client.pointsPerHour <= 0) return null;
    this.noteRedisState();
    const limiter = this.limiterFor(client);
    try {
      const result = await limiter.consume(client.id, points);
      return {
        allowed: true,
        state: stateOf(client.pointsPerHour, result.consumedPoints, result.msBeforeNext, Date.now()),
      };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) return this.unavailable(rejection);
      // The refused query does not run, so it spends nothing: its points are given back, and a
      // cheaper query the rest of the budget can pay is still answered.
      await limiter.reward(client.id, points).catch((error: unknown) => this.unavailable(error));
      const before = rejection.consumedPoints - points;
      return { allowed: false, state: stateOf(client.pointsPerHour, before, rejection.msBeforeNext, Date.now()) };
    }
  }

  async peek(client: RateClient): Promise<RateBudgetState | null> {
    if (client.pointsPerHour <= 0) return null;
    try {
      const result = await this.limiterFor(client).get(client.id);
      // No counter yet: the whole budget, for a window that would start now.
      if (result === null) return stateOf(client.pointsPerHour, 0, WINDOW_SECONDS * 1000, Date.now());
      return stateOf(client.pointsPerHour, result.consumedPoints, result.msBeforeNext, Date.now());
    } catch (error) {
      return this.unavailable(error);
    }
  }

  /** Neither Redis nor the memory fallback counted: the request is let through (logged). */
  private unavailable(error: unknown): null {
    this.logger.warn({ err: error }, 'rate budget not counted');
    return null;
  }

  async close(): Promise<void> {
    if (!this.redis) return;
    await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}
