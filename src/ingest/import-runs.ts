import os from 'node:os';

import type { Db } from '../db/db';
import { sqlFile } from '../db/sql';

import type { ImportCounts } from './police/import-police';

const sql = (name: string) => sqlFile(__dirname, name);

/** A run on another machine not heard from for this long has died (runs beat after every batch). */
export const SILENT_RUN_SECONDS = 15 * 60;

// Runs this process has open; a row saying this process is running anything else is stale.
const openHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The record of imports in `import_run`: each run notes where it runs and beats after every
 * batch, so a run that was killed is found and closed as `interrupted` by the next import.
 */
export class ImportRuns {
  constructor(private readonly db: Db) {}

  /**
   * Closes runs recorded as running whose process is gone: on this machine, a process id that
   * no longer lives (or this process, for a run it does not have open); elsewhere, a run not
   * heard from for SILENT_RUN_SECONDS.
   * @returns the runs closed
   */
  async closeInterrupted(): Promise<{ id: string; file: string }[]> {
    const host = os.hostname();
    const running = await this.db.query<{
      id: string;
      file: string;
      host: string | null;
      pid: number | null;
      silentSeconds: number;
    }>(sql('running-import-runs'));
    const dead = running.filter((r) =>
      r.host === host && r.pid !== null
        ? r.pid === process.pid
          ? !openHere.has(r.id)
          : !isAlive(r.pid)
        : r.silentSeconds > SILENT_RUN_SECONDS,
    );
    return dead.length > 0 ? this.db.query(sql('interrupt-import-runs'), [dead.map((r) => r.id)]) : [];
  }

  async start(source: string, file: string): Promise<string> {
    const [run] = await this.db.query<{ id: string }>(sql('start-import-run'), [
      source,
      file,
      os.hostname(),
      process.pid,
    ]);
    openHere.add(run.id);
    return run.id;
  }

  async beat(id: string): Promise<void> {
    await this.db.query(sql('heartbeat-import-run'), [id]);
  }

  /** Records how a run ended, with its counts. */
  async finish(id: string, status: 'completed' | 'failed', counts: ImportCounts): Promise<void> {
    openHere.delete(id);
    await this.db.query(sql('finish-import-run'), [
      id,
      status,
      counts.read,
      counts.inserted,
      counts.updated,
      counts.unchanged,
      counts.rejected,
      counts.outsideCity,
      counts.noLocation,
    ]);
  }
}
