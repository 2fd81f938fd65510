import { randomUUID } from 'node:crypto';

import { RateLimitedError } from '../errors';

import type { Caller } from './caller';
import { createRateLimits, FAILED_LOGINS_PER_MINUTE } from './rate-limit';

const BUDGETS = { public: 10, analyst: 100, officer: 100, admin: 1000 };
const caller = (role: Caller['role'], key: string): Caller => ({
  role,
  identity: key,
  limitKey: `${key}-${randomUUID()}`,
});

describe('per-minute budgets', () => {
  it('refuse a caller once their role’s budget is spent, with the seconds to wait, and count callers apart', async () => {
    const limits = createRateLimits(undefined, BUDGETS);
    try {
      const a = caller('public', 'address:192.0.2.1');
      const b = caller('public', 'address:192.0.2.2');
      await limits.spend(a, 6);
      await limits.spend(a, 4);
      const refused = limits.spend(a, 1);
      await expect(refused).rejects.toThrow(RateLimitedError);
      await expect(refused).rejects.toThrow(/the public budget of 10 points a minute is spent; try again in \d+ s/);
      const error = (await refused.catch((e: unknown) => e)) as RateLimitedError;
      expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
      await expect(limits.spend(b, 10)).resolves.toBeUndefined();
      await expect(limits.spend(caller('analyst', 'api-key:1'), 100)).resolves.toBeUndefined();
    } finally {
      await limits.close();
    }
  });

  it('count refused credentials per address', async () => {
    const limits = createRateLimits(undefined, BUDGETS);
    try {
      const address = `192.0.2.${Math.floor(Math.random() * 200)}-${randomUUID()}`;
      for (let i = 0; i < FAILED_LOGINS_PER_MINUTE; i += 1) {
        await limits.failedCredential(address);
      }
      await expect(limits.failedCredential(address)).rejects.toThrow(
        /refused credentials a minute came from this address/,
      );
    } finally {
      await limits.close();
    }
  });

  it('are shared through Redis between replicas', async () => {
    const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const [one, two] = [createRateLimits(url, BUDGETS), createRateLimits(url, BUDGETS)];
    try {
      await Promise.all([one.ready(5000), two.ready(5000)]);
      const a = caller('public', 'address:198.51.100.1');
      await one.spend(a, 7);
      await two.spend(a, 3);
      // Either replica now refuses: the count lives in Redis, not in one process.
      await expect(one.spend(a, 1)).rejects.toThrow(RateLimitedError);
      await expect(two.spend(a, 1)).rejects.toThrow(RateLimitedError);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('count in memory while Redis cannot be reached, rather than refusing everyone', async () => {
    const limits = createRateLimits('redis://127.0.0.1:1', BUDGETS);
    try {
      await limits.ready(300);
      const a = caller('public', 'address:203.0.113.5');
      await limits.spend(a, 10);
      await expect(limits.spend(a, 1)).rejects.toThrow(RateLimitedError);
    } finally {
      await limits.close();
    }
  });
});
