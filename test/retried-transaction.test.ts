import { Client } from 'pg';
import type { DataSource } from 'typeorm';

import { createDataSource } from '../src/db/data-source';
import { isRetryableConflict, withRetriedTransaction } from '../src/db/db';

import { retryOnDeadlock, testDatabaseUrl } from './helpers/database';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('isRetryableConflict', () => {
  it('knows a deadlock and a serialisation failure, from the driver or from TypeORM, and nothing else', () => {
    expect(isRetryableConflict({ code: '40P01' })).toBe(true);
    expect(isRetryableConflict({ driverError: { code: '40001' } })).toBe(true);
    expect(isRetryableConflict({ code: '23505' })).toBe(false);
    expect(isRetryableConflict(new Error('deadlock detected'))).toBe(false);
    expect(isRetryableConflict(null)).toBe(false);
  });

  it('lets the tests repeat a conflicting piece of work, but not any other failure', async () => {
    let calls = 0;
    const flaky = async () => {
      calls += 1;
      if (calls < 3) {
        throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      }
      return 'done';
    };
    await expect(retryOnDeadlock(flaky)).resolves.toBe('done');
    expect(calls).toBe(3);
    calls = 0;
    await expect(retryOnDeadlock(flaky, 2)).rejects.toThrow('deadlock detected');
    expect(calls).toBe(2);
    await expect(
      retryOnDeadlock(async () => {
        throw Object.assign(new Error('duplicate key'), { code: '23505' });
      }),
    ).rejects.toThrow('duplicate key');
  });
});

// A deadlock needs two sessions; the embedded database has one connection, so it cannot happen there.
(process.env.HUB_TEST_DATABASE_MODE === 'server' ? describe : describe.skip)(
  'a transaction PostgreSQL ends to break a deadlock',
  () => {
    const table = `retried_transaction_${process.pid}`;
    let dataSource: DataSource;
    let other: Client;

    beforeAll(async () => {
      dataSource = await createDataSource(testDatabaseUrl(), 2).initialize();
      await dataSource.query(`CREATE TABLE ${table} (id int PRIMARY KEY, n int NOT NULL)`);
      await dataSource.query(`INSERT INTO ${table} VALUES (1, 0), (2, 0)`);
      other = new Client({ connectionString: testDatabaseUrl() });
      await other.connect();
    });

    afterAll(async () => {
      await other.end();
      await dataSource.query(`DROP TABLE IF EXISTS ${table}`);
      await dataSource.destroy();
    });

    it('runs again from the start and commits once, beside the writer it met', async () => {
      // The other session locks row 1, then (after our first attempt holds row 2 and waits for
      // row 1) asks for row 2: a cycle. Its deadlock check waits 10 s, ours 1 s, so PostgreSQL
      // ends our attempt, the other session commits, and our second attempt runs alone.
      await other.query('BEGIN');
      await other.query(`SET LOCAL deadlock_timeout = '10s'`);
      await other.query(`UPDATE ${table} SET n = n + 10 WHERE id = 1`);
      const retries: number[] = [];
      let attempts = 0;
      let otherDone: Promise<unknown> = Promise.resolve();
      const ours = withRetriedTransaction(
        dataSource,
        async (db) => {
          attempts += 1;
          await db.query(`UPDATE ${table} SET n = n + 1 WHERE id = 2`);
          if (attempts === 1) {
            otherDone = wait(300).then(async () => {
              await other.query(`UPDATE ${table} SET n = n + 10 WHERE id = 2`);
              await other.query('COMMIT');
            });
          }
          await db.query(`UPDATE ${table} SET n = n + 1 WHERE id = 1`);
          return attempts;
        },
        3,
        (err, attempt) => {
          expect(isRetryableConflict(err)).toBe(true);
          retries.push(attempt);
        },
      );
      await expect(ours).resolves.toBe(2);
      await otherDone;
      expect(retries).toEqual([1]);
      // Each writer's change counted once: the ended attempt left nothing.
      expect(await dataSource.query(`SELECT id, n FROM ${table} ORDER BY id`)).toEqual([
        { id: 1, n: 11 },
        { id: 2, n: 11 },
      ]);
    });
  },
);
