import fs from 'node:fs';
import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

import { log } from '../log';
import { PROJECT_ROOT } from '../paths';

/** A running embedded PostgreSQL (PGlite + PostGIS) reachable over TCP like a server. */
export interface EmbeddedPostgres {
  /** postgres:// URL of the loopback socket, for `pg` and TypeORM. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder to persist the database in; undefined keeps it in memory (tests). */
  dataDir?: string;
  /** Where the snapshot taken just after `CREATE EXTENSION postgis` is cached. */
  cacheDir?: string;
}

// Creating the PostGIS extension in a fresh PGlite takes 10-18 s on our machines, while
// loading a data folder dumped right after it takes about 3 s, so the first run dumps one
// and every later fresh database (tests, a new DATA_DIR) starts from it.
const DEFAULT_CACHE_DIR = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'neighbourhood-hub');
const SNAPSHOT_NAME = `pglite-${packageVersion('@electric-sql/pglite')}-postgis-${packageVersion('@electric-sql/pglite-postgis')}.tar.gz`;

// Each pool connection of each process is one socket; the server queues their statements
// and keeps a transaction's statements together, so a generous limit is safe.
const MAX_SOCKET_CONNECTIONS = 64;

// The snapshot is only valid for the PGlite and PostGIS builds that wrote it. Their packages
// do not export package.json, so find it beside the resolved entry point.
function packageVersion(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    dir = path.dirname(dir);
  }
  return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

async function postgisSnapshot(cacheDir: string): Promise<Blob> {
  const file = path.join(cacheDir, SNAPSHOT_NAME);
  if (fs.existsSync(file)) {
    return new Blob([fs.readFileSync(file)]);
  }
  log.info('embedded database: creating the PostGIS extension once (about 15 s)');
  const scratch = await PGlite.create({ extensions: { postgis } });
  await scratch.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  const dump = await scratch.dumpDataDir('gzip');
  await scratch.close();
  const bytes = Buffer.from(await dump.arrayBuffer());
  fs.mkdirSync(cacheDir, { recursive: true });
  // Write then rename, so a process killed midway never leaves a truncated snapshot.
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, bytes);
  fs.renameSync(partial, file);
  return new Blob([bytes]);
}

// Data folders this process has open; the pid file alone cannot tell a second open in-process.
const openDataDirs = new Set<string>();

function claimDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = path.join(dataDir, 'hub.pid');
  if (fs.existsSync(lock)) {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    const mine = pid === process.pid && openDataDirs.has(dataDir);
    if (mine || (pid && pid !== process.pid && isAlive(pid))) {
      throw new Error(
        `DATA_DIR ${dataDir} is in use by process ${pid}; PGlite allows one process per data folder. ` +
          'Stop that process or set DATA_DIR to another folder.',
      );
    }
  }
  fs.writeFileSync(lock, String(process.pid));
  openDataDirs.add(dataDir);
  return () => {
    openDataDirs.delete(dataDir);
    fs.rmSync(lock, { force: true });
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts PGlite with PostGIS and serves it on a loopback port, so the hub talks to it with
 * the same `pg`/TypeORM code it uses against a PostgreSQL server.
 * @param options data folder (omit for in-memory) and snapshot cache folder
 * @returns the connection URL and a stop function
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<EmbeddedPostgres> {
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const started = Date.now();
  const release = options.dataDir ? claimDataDir(options.dataDir) : () => undefined;
  let db: PGlite;
  let server: PGLiteSocketServer;
  try {
    if (options.dataDir) {
      const pgdata = path.join(options.dataDir, 'pgdata');
      const exists = fs.existsSync(path.join(pgdata, 'PG_VERSION'));
      const loadDataDir = exists ? undefined : await postgisSnapshot(cacheDir);
      db = await PGlite.create({ dataDir: pgdata, extensions: { postgis }, loadDataDir });
    } else {
      db = await PGlite.create({ extensions: { postgis }, loadDataDir: await postgisSnapshot(cacheDir) });
    }
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: MAX_SOCKET_CONNECTIONS });
    await server.start();
  } catch (err) {
    release();
    throw err;
  }
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  log.debug({ ms: Date.now() - started, dataDir: options.dataDir ?? 'memory' }, 'embedded database ready');
  return {
    url,
    async stop() {
      await server.stop();
      await db.close();
      release();
    },
  };
}
