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
  const names = { killed: `hub_killed_${stamp}`, clean: `hub_clean_${stamp}` };
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

  it('gives exactly the rows of a clean import, and closes the killed run as interrupted', async () => {
    const args = [file, '--batch-size', '1000', '--report', `${file}.rejected.csv`];
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

    const rows = async (name: string) => {
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
        return { incidents: incidents.rows, runs: runs.rows };
      } finally {
        await client.end();
      }
    };
    const [killed, fresh] = [await rows(names.killed), await rows(names.clean)];
    expect(killed.incidents.length).toBeGreaterThan(25_000);
    expect(killed.incidents).toEqual(fresh.incidents);
    expect(killed.runs).toEqual([
      { status: 'completed', n: 1 },
      { status: 'interrupted', n: 1 },
    ]);
    expect(fresh.runs).toEqual([{ status: 'completed', n: 1 }]);
  }, 300_000);
});
