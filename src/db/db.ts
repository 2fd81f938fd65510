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
