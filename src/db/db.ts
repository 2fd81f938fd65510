import type { DataSource, EntityManager } from 'typeorm';

/**
 * The one thing services need from the database: run a parameterised statement and get its
 * rows. Values always travel as $n parameters; SQL text is never built from user input.
 */
export interface Db {
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/**
 * Wraps a TypeORM DataSource (pooled) or EntityManager (one transaction) as a Db. On a
 * transaction's one connection, statements asked for together (a resolver's Promise.all) run one
 * after another in the order asked: node-postgres queues them itself today, but deprecates
 * doing so, and the order is then ours rather than the driver's.
 * @param source the DataSource, or the manager handed to a transaction callback
 */
export function typeormDb(source: DataSource | EntityManager): Db {
  const run = async <T>(sql: string, params: readonly unknown[]) => rowsOf<T>(await source.query(sql, [...params]));
  if (!('queryRunner' in source && source.queryRunner)) {
    return { query: (sql, params = []) => run(sql, params) };
  }
  let last: Promise<unknown> = Promise.resolve();
  return {
    query: <T>(sql: string, params: readonly unknown[] = []) => {
      const next = last.then(() => run<T>(sql, params));
      last = next.catch(() => undefined);
      return next;
    },
  };
}

// TypeORM answers an UPDATE or DELETE with [rows, affected count] rather than the rows that
// RETURNING gave; rows are objects, never arrays, so that shape is unambiguous.
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/**
 * Runs `work` in one transaction: it commits when `work` resolves and rolls back, leaving the
 * database as it was, when `work` throws.
 * @param dataSource the pooled DataSource
 * @param work receives a Db bound to the transaction
 */
export function withTransaction<T>(dataSource: DataSource, work: (db: Db) => Promise<T>): Promise<T> {
  return dataSource.transaction((manager) => work(typeormDb(manager)));
}

/**
 * Whether PostgreSQL ended a transaction to break a deadlock (SQLSTATE 40P01) or to keep
 * serialisable order (40001): the work was rolled back whole and may simply run again.
 */
export function isRetryableConflict(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return code === '40P01' || code === '40001';
}

/**
 * Runs `work` as one transaction (withTransaction) and runs it again, from the start, when
 * PostgreSQL ended it for a conflict with a concurrent writer (isRetryableConflict). For long
 * writers that touch many shared rows, such as a geodata load re-placing every incident while
 * reports arrive: a deadlock then costs a second attempt, not a failed load. `work` must be
 * whole or nothing (everything it does happens inside the transaction).
 * @param attempts how many times to try at most
 * @param onRetry told of each conflict before the next attempt
 */
export async function withRetriedTransaction<T>(
  dataSource: DataSource,
  work: (db: Db) => Promise<T>,
  attempts = 3,
  onRetry: (err: unknown, attempt: number) => void = () => undefined,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTransaction(dataSource, work);
    } catch (err) {
      if (!isRetryableConflict(err) || attempt >= attempts) {
        throw err;
      }
      onRetry(err, attempt);
    }
  }
}
