import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import { openDatabase } from '../src/db/database';
import { writeSynthetic } from '../src/ingest/generator/generate';
import { PROJECT_ROOT } from '../src/paths';

import { testDatabaseUrl } from './helpers/database';
import { GEODATA } from './helpers/geodata-files';

const CLI = path.join(PROJECT_ROOT, 'src', 'ingest', 'police', 'import-police.cli.ts');
const SAMPLE = path.join(PROJECT_ROOT, 'geodata', 'police-uk-derbyshire-sample.csv');

/** Starts `npm run import:police` as a user would, as its own process (TypeScript through tsx). */
function importer(args: string[], env: Record<string, string | undefined>): ChildProcess {
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  return spawn(process.execPath, ['--require', 'tsx/cjs', CLI, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...inherited, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function finished(child: ChildProcess): Promise<{ code: number | null; signal: string | null; out: string }> {
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out })));
}

describe('an import into a data folder with no geography yet', () => {
  it('loads the geography first, then places every row (none counted as outside the city)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-import-'));
    const run = await finished(
      importer([SAMPLE, '--report', path.join(dataDir, 'rejected.csv')], { DATA_DIR: dataDir }),
    );
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/loading the reference geography from geodata\/ first/);
    expect(run.out).toMatch(/read 2710, inserted 2710, updated 0, unchanged 0, rejected 0, outside the city 0/);
    const database = await openDatabase({ dataDir });
    try {
      const [row] = await database.db.query<{ n: number; placed: number }>(
        'SELECT count(*)::int AS n, count(ward_code)::int AS placed FROM incident',
      );
      expect(row).toEqual({ n: 2710, placed: 2710 });
    } finally {
      await database.close();
    }
  });
});

// The kill needs a database the test can watch while another process writes to it: a PostgreSQL
// server. (PGlite allows one process per data folder, so the embedded run cannot look in while
// the import runs; the run with DATABASE_URL covers this.)
const onServer = process.env.HUB_TEST_DATABASE_MODE === 'server';

(onServer ? describe : describe.skip)('an import killed with SIGKILL and run again', () => {
  const stamp = `${process.pid}_${Date.now()}`;
  const names = {
    killed: `hub_killed_${stamp}`,
    clean: `hub_clean_${stamp}`,
    killedFirst: `hub_killed_first_${stamp}`,
    cleanFirst: `hub_clean_first_${stamp}`,
  };
  const urlOf = (name: string) => {
    const url = new URL(testDatabaseUrl());
    url.pathname = `/${name}`;
    return url.toString();
  };
  let admin: Client;
  let file: string;

  beforeAll(async () => {
    admin = new Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    for (const name of Object.values(names)) {
      await admin.query(`CREATE DATABASE ${name}`);
    }
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-kill-')), 'synthetic.csv');
    await writeSynthetic(
      { count: 30_000, seed: 'kill', months: 6, end: '2031-06', geodataDir: GEODATA },
      { out: file },
    );
  }, 120_000);

  afterAll(async () => {
    for (const name of Object.values(names)) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
    await admin.end();
  });

  /** What an import left in a database: its incidents, runs, kept counts and incident's indexes. */
  const state = async (name: string) => {
    const client = new Client({ connectionString: urlOf(name) });
    await client.connect();
    try {
      const incidents = await client.query(
        `SELECT source, source_key, category_slug, to_char(month, 'YYYY-MM') AS month, ST_AsText(geom) AS geom,
                ward_code, area_code, lsoa_code, outcome, location
         FROM incident ORDER BY source, source_key`,
      );
      const runs = await client.query(
        `SELECT status, count(*)::int AS n FROM import_run GROUP BY status ORDER BY status`,
      );
      const counts = await client.query(
        `SELECT (SELECT count(*) FROM incident_cell_count WHERE n > 0)::int AS cells,
                (SELECT sum(n) FROM incident_month_count WHERE unit_column = 'ward_code')::int AS months`,
      );
      const indexes = await client.query(
        `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'incident' ORDER BY indexname`,
      );
      return { incidents: incidents.rows, runs: runs.rows, counts: counts.rows[0], indexes: indexes.rows };
    } finally {
      await client.end();
    }
  };

  it('gives exactly the rows of a clean import, and closes the killed run as interrupted', async () => {
    const args = [file, '--batch-size', '1000', '--report', `${file}.rejected.csv`];
    // incident holds the sample first, so the import writes batch by batch (not a first load).
    for (const name of [names.killed, names.clean]) {
      expect((await finished(importer([SAMPLE], { DATABASE_URL: urlOf(name) }))).code).toBe(0);
    }
    // The run to kill: wait until some batches are in, then SIGKILL it midway.
    const watcher = new Client({ connectionString: urlOf(names.killed) });
    const victim = importer(args, { DATABASE_URL: urlOf(names.killed) });
    const victimDone = finished(victim);
    let seen = 0;
    for (let tries = 0; tries < 1200 && seen === 0; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      try {
        if (!(watcher as unknown as { _connected: boolean })._connected) {
          await watcher.connect();
        }
        seen = (await watcher.query(`SELECT count(*)::int AS n FROM incident WHERE source = 'synthetic-police.uk'`))
          .rows[0].n;
      } catch {
        // Not migrated yet.
      }
    }
    victim.kill('SIGKILL');
    expect((await victimDone).signal).toBe('SIGKILL');
    const afterKill = (
      await watcher.query(`SELECT count(*)::int AS n FROM incident WHERE source = 'synthetic-police.uk'`)
    ).rows[0].n;
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(30_000);
    await watcher.end();

    const rerun = await finished(importer(args, { DATABASE_URL: urlOf(names.killed) }));
    expect(rerun.code).toBe(0);
    expect(rerun.out).toMatch(/an earlier import of .* was killed midway; closed as interrupted/);
    const clean = await finished(importer(args, { DATABASE_URL: urlOf(names.clean) }));
    expect(clean.code).toBe(0);

    const [killed, fresh] = [await state(names.killed), await state(names.clean)];
    expect(killed.incidents.length).toBeGreaterThan(25_000);
    expect(killed).toEqual({ ...fresh, runs: killed.runs });
    expect(killed.runs).toEqual([
      { status: 'completed', n: 2 },
      { status: 'interrupted', n: 1 },
    ]);
    expect(fresh.runs).toEqual([{ status: 'completed', n: 2 }]);
  }, 300_000);

  it('leaves an empty incident as it was when a first load is killed, and the rerun loads it all', async () => {
    const args = [file, '--batch-size', '1000', '--report', `${file}.first.rejected.csv`];
    const watcher = new Client({ connectionString: urlOf(names.killedFirst) });
    const victim = importer(args, { DATABASE_URL: urlOf(names.killedFirst) });
    const victimDone = finished(victim);
    // Killed once the load is writing batches into its table (first-load-placed.sql).
    let loading = false;
    for (let tries = 0; tries < 2400 && !loading; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      try {
        if (!(watcher as unknown as { _connected: boolean })._connected) {
          await watcher.connect();
        }
        loading =
          (
            await watcher.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid()
               AND query LIKE '%INSERT INTO incident_load%'`,
            )
          ).rows[0].n > 0;
      } catch {
        // Not created yet.
      }
    }
    expect(loading).toBe(true);
    victim.kill('SIGKILL');
    expect((await victimDone).signal).toBe('SIGKILL');
    await watcher.end();
    const afterKill = await state(names.killedFirst);
    expect(afterKill.incidents).toEqual([]);
    expect(afterKill.counts).toEqual({ cells: 0, months: null });
    expect(afterKill.runs).toEqual([{ status: 'running', n: 1 }]);

    const rerun = await finished(importer(args, { DATABASE_URL: urlOf(names.killedFirst) }));
    expect(rerun.code).toBe(0);
    expect(rerun.out).toMatch(/an earlier import of .* was killed midway; closed as interrupted/);
    expect((await finished(importer(args, { DATABASE_URL: urlOf(names.cleanFirst) }))).code).toBe(0);
    const [killed, fresh] = [await state(names.killedFirst), await state(names.cleanFirst)];
    // incident had its indexes all along: the same after the kill as after both loads.
    expect(afterKill.indexes.length).toBeGreaterThan(10);
    expect(killed.indexes).toEqual(afterKill.indexes);
    expect(killed.incidents.length).toBeGreaterThan(25_000);
    expect(killed.counts.months).toBe(killed.incidents.length);
    expect(killed).toEqual({ ...fresh, runs: killed.runs });
    expect(killed.runs).toEqual([
      { status: 'completed', n: 1 },
      { status: 'interrupted', n: 1 },
    ]);
  }, 300_000);
});
