import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import { log } from '../log';
import { PROJECT_ROOT } from '../paths';

import type { EmbeddedWorkerData, EmbeddedWorkerMessage } from './embedded.worker';

/** A running embedded PostgreSQL (PGlite + PostGIS) reachable over a private Unix socket. */
export interface EmbeddedPostgres {
  /** postgres:// URL of the socket (its folder in the `host` parameter), for `pg` and TypeORM. */
  url: string;
  /** The socket's folder: only the hub's OS user may enter it. */
  socketDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder to persist the database in; undefined keeps it in memory (tests). */
  dataDir?: string;
  /** Where the snapshot taken just after `CREATE EXTENSION postgis` is cached. */
  cacheDir?: string;
}

const DEFAULT_CACHE_DIR = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'neighbourhood-hub');

// Compiled, the worker is embedded.worker.js beside this file; under ts-jest it is the .ts
// source, which a worker thread can only load through tsx (a development dependency).
const WORKER_FILE = path.join(__dirname, `embedded.worker${path.extname(__filename)}`);
const WORKER_EXEC_ARGV = WORKER_FILE.endsWith('.ts') ? ['--require', 'tsx/cjs'] : [];

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

/** Waits for the worker's next message of one of the given types; a crash or exit rejects. */
function nextMessage(worker: Worker, types: EmbeddedWorkerMessage['type'][]): Promise<EmbeddedWorkerMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: EmbeddedWorkerMessage) => {
      if (types.includes(message.type)) {
        cleanup();
        resolve(message);
      }
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`the embedded database thread exited with code ${code}`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
  });
}

/**
 * Starts PGlite with PostGIS on a thread of its own and serves it on a Unix socket in a folder
 * only this OS user may enter, so the hub talks to it with the same `pg`/TypeORM code it uses
 * against a PostgreSQL server while no other local user can connect.
 * @param options data folder (omit for in-memory) and snapshot cache folder
 * @returns the connection URL and a stop function
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<EmbeddedPostgres> {
  const started = Date.now();
  const release = options.dataDir ? claimDataDir(options.dataDir) : () => undefined;
  // mkdtemp creates the folder with mode 0700.
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-pg-'));
  const data: EmbeddedWorkerData = {
    dataDir: options.dataDir ?? null,
    cacheDir: options.cacheDir ?? DEFAULT_CACHE_DIR,
    socketPath: path.join(socketDir, '.s.PGSQL.5432'),
  };
  const worker = new Worker(WORKER_FILE, { workerData: data, execArgv: WORKER_EXEC_ARGV });
  const cleanUp = () => {
    fs.rmSync(socketDir, { recursive: true, force: true });
    release();
  };
  try {
    const first = await nextMessage(worker, ['ready', 'failed']);
    if (first.type === 'failed') {
      throw new Error(`the embedded database could not start: ${first.message}`);
    }
  } catch (err) {
    await worker.terminate();
    cleanUp();
    throw err;
  }
  worker.on('error', (err) => log.fatal({ err }, 'the embedded database thread failed'));
  log.debug({ ms: Date.now() - started, dataDir: options.dataDir ?? 'memory' }, 'embedded database ready');
  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}`,
    socketDir,
    stop() {
      stopping ??= (async () => {
        const stopped = nextMessage(worker, ['stopped']).catch(() => undefined);
        worker.postMessage({ type: 'stop' });
        await stopped;
        await worker.terminate();
        cleanUp();
      })();
      return stopping;
    },
  };
}
