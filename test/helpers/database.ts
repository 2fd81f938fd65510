import 'reflect-metadata';

import { Client } from 'pg';
import type { DataSource } from 'typeorm';

import { createDataSource } from '../../src/db/data-source';
import { type Db, isRetryableConflict, typeormDb, withTransaction } from '../../src/db/db';

import { workerDatabaseUrl } from './worker-databases';

/**
 * This worker's database URL, set by test/global-setup.ts: on a server, the worker's own copy of
 * the loaded database. Refuses to guess one.
 */
export function testDatabaseUrl(): string {
  const url = process.env.HUB_TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'HUB_TEST_DATABASE_URL is not set: run the tests through jest, whose global setup starts the database',
    );
  }
  return workerDatabaseUrl(url, process.env.HUB_TEST_WORKER_DATABASE_URLS, process.env.JEST_WORKER_ID);
}

/** A pooled connection to the run's database; close it in afterAll. */
export async function connectTestDatabase(): Promise<{ dataSource: DataSource; db: Db }> {
  // One connection to the embedded database (see isPglite in src/db/database.ts).
  const dataSource = createDataSource(testDatabaseUrl(), process.env.HUB_TEST_DATABASE_MODE === 'embedded' ? 1 : 4);
  await dataSource.initialize();
  return { dataSource, db: typeormDb(dataSource) };
}

class Rollback extends Error {}

/**
 * Runs `work` again when PostgreSQL ended it to break a deadlock (SQLSTATE 40P01). On a server
 * whose test role may not make a database copy per worker, suites share one database two at a
 * time, and two statements locking some of the same incident rows in different orders (a boundary
 * change re-placing every incident, a delete of one suite's months) can deadlock; the database
 * aborts one of them, which a test may simply repeat.
 * Only for work that is whole or nothing: a rolled-back transaction, or a single statement.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!isRetryableConflict(err) || attempt >= attempts) {
        throw err;
      }
    }
  }
}

/**
 * Runs `work` in a transaction that is always rolled back, so a test can change data without
 * other suites ever seeing it (repeated if a deadlock with another suite ended it).
 */
export async function inRolledBackTransaction<T>(dataSource: DataSource, work: (db: Db) => Promise<T>): Promise<T> {
  return retryOnDeadlock(async () => {
    let result: T | undefined;
    try {
      await withTransaction(dataSource, async (db) => {
        result = await work(db);
        throw new Rollback();
      });
    } catch (err) {
      if (!(err instanceof Rollback)) {
        throw err;
      }
    }
    return result as T;
  });
}

/** A Db that counts the statements it runs. */
export function countingDb(inner: Db): Db & { count: number; statements: string[] } {
  const counter = {
    count: 0,
    statements: [] as string[],
    query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      counter.count += 1;
      counter.statements.push(sql);
      return inner.query<T>(sql, params);
    },
  };
  return counter;
}

/**
 * Runs `work` on a database no other suite can touch, and throws its changes away: on a server
 * (where suites run side by side), a scratch database made and migrated for it and then dropped;
 * on the embedded database (one suite at a time), a rolled-back transaction on the shared one.
 * For tests that empty or rewrite whole tables, which beside other suites could deadlock.
 */
export async function inIsolation<T>(dataSource: DataSource, work: (db: Db) => Promise<T>): Promise<T> {
  if (process.env.HUB_TEST_DATABASE_MODE !== 'server') {
    return inRolledBackTransaction(dataSource, work);
  }
  const scratch = `hub_scratch_${process.pid}_${Date.now()}`;
  await dataSource.query(`CREATE DATABASE ${scratch}`);
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${scratch}`;
  const isolated = createDataSource(url.toString(), 1);
  try {
    await isolated.initialize();
    await isolated.runMigrations({ transaction: 'each' });
    return await inRolledBackTransaction(isolated, work);
  } finally {
    if (isolated.isInitialized) {
      await isolated.destroy();
    }
    await dataSource.query(`DROP DATABASE IF EXISTS ${scratch}`);
  }
}

// An advisory lock key of the test suites' own (any bigint no other code uses).
const TODAYS_INCIDENTS_LOCK = 7_141_001;

/**
 * Suites that commit incidents dated today (reports made through a running hub, deleted after)
 * hold this lock shared; the map page's suite, whose default period is the data's latest month,
 * holds it alone, so it never sees today's month appear and vanish under it. A session-level
 * advisory lock on a connection of its own; release it with the function returned. On the
 * embedded database suites run one at a time, so nothing is taken.
 */
export async function holdTodaysIncidentsLock(mode: 'shared' | 'alone'): Promise<() => Promise<void>> {
  if (process.env.HUB_TEST_DATABASE_MODE !== 'server') {
    return async () => undefined;
  }
  const client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  await client.query(mode === 'shared' ? 'SELECT pg_advisory_lock_shared($1)' : 'SELECT pg_advisory_lock($1)', [
    TODAYS_INCIDENTS_LOCK,
  ]);
  // Ending the session releases the lock.
  return () => client.end();
}

/** The data version, as text (the response cache and tiles label answers with it). */
export async function dataVersion(db: Db): Promise<string> {
  return (await db.query<{ v: string }>('SELECT version::text AS v FROM data_version'))[0].v;
}

/**
 * Runs a check of cached answers until one run sees the data version unchanged from its start to
 * its end. Suites writing beside it on a shared server move the version, and a cached answer is
 * then rightly computed afresh, which the check would take for a fault; a failure within one
 * version is the check's own and is thrown, as is the last after `attempts` runs. A check that
 * needs a first ask to be a miss asks something new in each attempt (its number is passed).
 */
export async function withinOneDataVersion(
  db: Db,
  check: (attempt: number) => Promise<void>,
  attempts = 10,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const before = await dataVersion(db);
    try {
      await check(attempt);
      return;
    } catch (err) {
      if (attempt >= attempts || (await dataVersion(db)) === before) {
        throw err;
      }
    }
  }
}
