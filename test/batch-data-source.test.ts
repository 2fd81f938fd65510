import type { DataSource } from 'typeorm';

import { createDataSource } from '../src/db/data-source';
import { type OpenDatabase, openDatabase, withBatchDataSource } from '../src/db/database';

import { testDatabaseUrl } from './helpers/database';

const extra = (dataSource: DataSource) => dataSource.options.extra as Record<string, unknown>;

describe('a batch job on a server', () => {
  it('has no client-side read limit, where a request pool gives up a little after the statement timeout', () => {
    const requests = extra(createDataSource('postgres://nowhere/db', 8, true));
    const batch = extra(createDataSource('postgres://nowhere/db', 1, true, true));
    expect(requests.query_timeout).toEqual(expect.any(Number));
    expect(batch).not.toHaveProperty('query_timeout');
    // Otherwise a server connection still: JIT off, room to sort and hash in memory, keep-alive on.
    expect(batch).toMatchObject({ keepAlive: true, options: '-c jit=off -c work_mem=32MB' });
  });

  it('runs on a connection of its own on a server, closed afterwards, and on the one connection of PGlite', async () => {
    const database: OpenDatabase = await openDatabase({ databaseUrl: testDatabaseUrl(), migrate: false });
    try {
      let used: DataSource | undefined;
      const answer = await withBatchDataSource(database, async (dataSource) => {
        used = dataSource;
        return (await dataSource.query('SELECT 41 + 1 AS n'))[0].n;
      });
      expect(answer).toBe(42);
      if (database.pglite) {
        expect(used).toBe(database.dataSource);
      } else {
        // The sessions the server gives the hub carry its settings.
        const [settings] = await database.dataSource.query(
          `SELECT current_setting('jit') AS jit, current_setting('work_mem') AS "workMem"`,
        );
        expect(settings).toEqual({ jit: 'off', workMem: '32MB' });
        expect(used).not.toBe(database.dataSource);
        expect(extra(used!)).not.toHaveProperty('query_timeout');
        expect(used!.isInitialized).toBe(false);
      }
      expect(database.dataSource.isInitialized).toBe(true);
    } finally {
      await database.close();
    }
  });
});
