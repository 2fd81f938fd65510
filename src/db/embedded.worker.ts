import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';

import { log } from '../log';

import { PGliteWireServer } from './pglite-wire';

/** What the hub's thread hands the database thread. */
export interface EmbeddedWorkerData {
  /** Folder to persist the database in; null keeps it in memory (tests). */
  dataDir: string | null;
  /** Where the snapshot taken just after `CREATE EXTENSION postgis` is cached. */
  cacheDir: string;
  /** The Unix socket to serve on, inside a folder only the hub's user may enter. */
  socketPath: string;
}

/** Messages from the database thread: ready to serve, stopped, or failed with a reason. */
export type EmbeddedWorkerMessage = { type: 'ready' } | { type: 'stopped' } | { type: 'failed'; message: string };

// The snapshot is only valid for the PGlite and PostGIS builds that wrote it. Their packages
// do not export package.json, so find it beside the resolved entry point.
function packageVersion(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    dir = path.dirname(dir);
  }
  return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

const SNAPSHOT_NAME = `pglite-${packageVersion('@electric-sql/pglite')}-postgis-${packageVersion('@electric-sql/pglite-postgis')}.tar.gz`;

// Creating the PostGIS extension in a fresh PGlite takes 10-18 s on our machines, while
// loading a data folder dumped right after it takes about 3 s, so the first run dumps one
// and every later fresh database (tests, a new DATA_DIR) starts from it.
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

async function open(data: EmbeddedWorkerData): Promise<PGlite> {
  if (!data.dataDir) {
    return PGlite.create({ extensions: { postgis }, loadDataDir: await postgisSnapshot(data.cacheDir) });
  }
  const pgdata = path.join(data.dataDir, 'pgdata');
  const exists = fs.existsSync(path.join(pgdata, 'PG_VERSION'));
  const loadDataDir = exists ? undefined : await postgisSnapshot(data.cacheDir);
  return PGlite.create({ dataDir: pgdata, extensions: { postgis }, loadDataDir });
}

// PGlite runs each statement synchronously in WebAssembly. Running it on this thread keeps the
// hub's own thread (HTTP, health checks) answering while a long analysis runs, and serving it on
// a Unix socket in a private folder means only the hub's OS user can connect: PGlite checks no
// password, so a TCP port would let any local user in.
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) {
    throw new Error('embedded.worker must run as a worker thread');
  }
  const data = workerData as EmbeddedWorkerData;
  let db: PGlite | undefined;
  let server: PGliteWireServer | undefined;
  try {
    db = await open(data);
    server = new PGliteWireServer(db, data.socketPath);
    await server.start();
  } catch (err) {
    await server?.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
    port.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
    return;
  }
  const opened = { db, server };
  port.on('message', (message: { type: string }) => {
    if (message.type !== 'stop') {
      return;
    }
    void (async () => {
      await opened.server.stop();
      await opened.db.close();
      port.postMessage({ type: 'stopped' });
      port.close();
    })();
  });
  port.postMessage({ type: 'ready' });
}

void main();
