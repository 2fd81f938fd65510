import { Client } from 'pg';
import type { DataSource } from 'typeorm';

import { log } from '../log';

import { CONNECT_TIMEOUT_MS, createDataSource } from './data-source';
import { type Db, typeormDb } from './db';
import { startEmbeddedPostgres } from './embedded';

/** An open, migrated database: a PostgreSQL server or the embedded PGlite. */
export interface OpenDatabase {
  mode: 'server' | 'embedded';
  /** PGlite (embedded, or reached by URL as in the test run): one session, one connection. */
  pglite: boolean;
  /** The URL the pool connects to (for the embedded database, its loopback socket). */
  url: string;
  dataSource: DataSource;
  db: Db;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A PostgreSQL + PostGIS server; when absent the embedded database is started. */
  databaseUrl?: string;
  /** The embedded data folder; absent keeps the embedded database in memory. */
  dataDir?: string;
  /** Run pending migrations (default true). */
  migrate?: boolean;
}

/** Connections per pool on a PostgreSQL server. */
export const DEFAULT_POOL_SIZE = 8;

/**
 * Whether a URL leads to PGlite (the embedded database, served by another process such as the
 * test run's global setup). PGlite is one session behind a socket multiplexer that can interleave
 * the extended-protocol messages of concurrent connections, so the hub talks to it over a single
 * connection; PGlite runs one statement at a time anyway.
 */
export async function isPglite(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string }>('SELECT version()');
    return rows[0].version.includes('PGlite');
  } finally {
    await client.end();
  }
}

/**
 * Opens the hub's database and brings its schema up to date.
 * @param options where the data lives
 */
export async function openDatabase(options: OpenOptions): Promise<OpenDatabase> {
  const embedded = options.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: options.dataDir });
  const url = options.databaseUrl ?? (embedded as { url: string }).url;
  const pglite = Boolean(embedded) || (await isPglite(url));
  const dataSource = createDataSource(url, pglite ? 1 : DEFAULT_POOL_SIZE, !pglite);
  try {
    await dataSource.initialize();
    if (options.migrate !== false) {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      if (ran.length > 0) {
        log.info({ migrations: ran.map((m) => m.name) }, 'migrations applied');
      }
    }
  } catch (err) {
    if (dataSource.isInitialized) {
      await dataSource.destroy();
    }
    await embedded?.stop();
    throw err;
  }
  return {
    mode: embedded ? 'embedded' : 'server',
    pglite,
    url,
    dataSource,
    db: typeormDb(dataSource),
    async close() {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/**
 * Runs an administrator's batch job (a geodata load, a neighbourhood layer, an import the hub
 * makes as it starts) on a connection of its own without the request pool's client-side read
 * limit (createDataSource's `batch`), closed afterwards. PGlite has one connection and no such
 * limit: the job runs on the hub's own DataSource there.
 */
export async function withBatchDataSource<T>(
  database: OpenDatabase,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  if (database.pglite) {
    return work(database.dataSource);
  }
  const batch = await createDataSource(database.url, 1, true, true).initialize();
  try {
    return await work(batch);
  } finally {
    await batch.destroy();
  }
}
