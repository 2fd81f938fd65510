import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

import { RateLimitedError } from '../errors';
import { log } from '../log';

import type { Caller } from './caller';
import { BUDGET_PER_MINUTE } from './policy';
import { type Role, ROLES } from './roles';

/** Failed credentials one address may send per minute before it is refused outright. */
export const FAILED_LOGINS_PER_MINUTE = 30;

type Limiter = RateLimiterMemory | RateLimiterRedis;

/** Spends callers' per-minute budgets; shared through Redis between replicas when configured. */
export interface RateLimits {
  /**
   * Takes `points` from the caller's budget for this minute.
   * @throws RateLimitedError with the seconds to wait
   */
  spend(caller: Caller, points: number): Promise<void>;
  /**
   * Counts a refused credential against the address it came from.
   * @throws RateLimitedError once the address has sent too many
   */
  failedCredential(address: string): Promise<void>;
  /**
   * Resolves once Redis answers (at once without Redis), or after `timeoutMs`, when counting
   * carries on in memory until it does.
   */
  ready(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

function limiterFor(points: number, prefix: string, redis: Redis | undefined): Limiter {
  const memory = new RateLimiterMemory({ points, duration: 60, keyPrefix: prefix });
  if (!redis) {
    return memory;
  }
  // While Redis is unreachable each replica counts on its own rather than refusing everyone.
  return new RateLimiterRedis({
    storeClient: redis,
    points,
    duration: 60,
    keyPrefix: `hub:${prefix}`,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

async function consume(limiter: Limiter, key: string, points: number, what: string): Promise<void> {
  try {
    await limiter.consume(key, points);
  } catch (err) {
    if (err instanceof RateLimiterRes) {
      const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new RateLimitedError(`${what}; try again in ${seconds} s`, seconds);
    }
    throw err;
  }
}

/**
 * Per-minute budgets in points (a request spends what checkCost priced it at): per API key or
 * token subject for authenticated callers, per address for anonymous ones; and a separate
 * count of refused credentials per address.
 * @param redisUrl share the counts through Redis (REDIS_URL); in memory when absent
 * @param budgets points per minute by role
 */
export function createRateLimits(
  redisUrl: string | undefined,
  budgets: Record<Role, number> = BUDGET_PER_MINUTE,
): RateLimits {
  const redis = redisUrl
    ? new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
    : undefined;
  // Said once per outage, not at every reconnection attempt.
  let unavailable = false;
  redis?.on('error', (err) => {
    if (!unavailable) {
      unavailable = true;
      log.warn({ err: err.message }, 'rate limits: Redis unavailable, counting in memory until it is back');
    }
  });
  redis?.on('ready', () => {
    if (unavailable) {
      unavailable = false;
      log.info('rate limits: Redis reachable again, counts shared again');
    }
  });
  const byRole = new Map(ROLES.map((role) => [role, limiterFor(budgets[role], `rate:${role}`, redis)]));
  const failures = limiterFor(FAILED_LOGINS_PER_MINUTE, 'rate:failed-credentials', redis);
  return {
    spend: (caller, points) =>
      consume(
        byRole.get(caller.role) as Limiter,
        caller.limitKey,
        Math.max(1, Math.ceil(points)),
        `the ${caller.role} budget of ${budgets[caller.role]} points a minute is spent`,
      ),
    failedCredential: (address) =>
      consume(
        failures,
        address,
        1,
        `more than ${FAILED_LOGINS_PER_MINUTE} refused credentials a minute came from this address`,
      ),
    async ready(timeoutMs) {
      if (!redis || redis.status === 'ready') {
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          log.warn('rate limits: Redis did not answer in time; counting in memory until it does');
          resolve();
        }, timeoutMs);
        redis.once('ready', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    async close() {
      // disconnect, not quit: quit waits for a connection, and an unreachable Redis never gives one.
      redis?.disconnect();
    },
  };
}
