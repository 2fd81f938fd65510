import type { DataSource } from 'typeorm';

import { log } from '../log';

import { createDataSource } from './data-source';
import { type Db, typeormDb } from './db';
import { startEmbeddedPostgres } from './embedded';

/** An open, migrated database: a PostgreSQL server or the embedded PGlite. */
export interface OpenDatabase {
  mode: 'server' | 'embedded';
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

/**
 * Opens the hub's database and brings its schema up to date.
 * @param options where the data lives
 */
export async function openDatabase(options: OpenOptions): Promise<OpenDatabase> {
  const embedded = options.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: options.dataDir });
  const url = options.databaseUrl ?? (embedded as { url: string }).url;
  const dataSource = createDataSource(url);
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
    url,
    dataSource,
    db: typeormDb(dataSource),
    async close() {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
