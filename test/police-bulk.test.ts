import fs from 'node:fs';
import path from 'node:path';

import type { DataSource } from 'typeorm';

import { type Db, withTransaction } from '../src/db/db';
import { writeSynthetic } from '../src/ingest/generator/generate';
import { type ImportCounts, importPoliceFiles } from '../src/ingest/police/import-police';

import { connectTestDatabase } from './helpers/database';
import { GEODATA } from './helpers/geodata-files';
import { policeFile, policeRow } from './helpers/police-files';

// Months no other suite writes, all before May 2023: each point is placed in the 2013 ward set
// of its month and again in today's.
const WINDOW = ['2015-01-01', '2016-12-01'];

let dataSource: DataSource;
let db: Db;

beforeAll(async () => {
  ({ dataSource, db } = await connectTestDatabase());
  await clearWindow();
});

afterAll(async () => {
  await clearWindow();
  await dataSource.destroy();
});

async function clearWindow(): Promise<void> {
  await db.query(`DELETE FROM incident WHERE month BETWEEN $1::date AND $2::date`, WINDOW);
}

/** The window's incidents as the importer wrote them, every column but the id and times. */
function incidents(): Promise<unknown[]> {
  return db.query(
    `SELECT source, source_key, category_slug, to_char(month, 'YYYY-MM') AS month, ST_AsEWKT(geom) AS geom,
            ST_AsEWKT(geom_bng) AS geom_bng, location, reported_lsoa_code, ward_code, area_code, month_ward_code,
            month_area_code, lsoa_code, police_neighbourhood_id, outcome, status, reported_by, context
     FROM incident WHERE month BETWEEN $1::date AND $2::date ORDER BY source, source_key`,
    WINDOW,
  );
}

/** The window's kept month and cell counts. */
async function counts(): Promise<{ months: unknown[]; cells: unknown[] }> {
  return {
    months: await db.query(
      `SELECT unit_column, to_char(month, 'YYYY-MM') AS month, unit_key, category_slug, n FROM incident_month_count
       WHERE month BETWEEN $1::date AND $2::date ORDER BY 1, 2, 3, 4`,
      WINDOW,
    ),
    cells: await db.query(
      `SELECT cell_size, to_char(month, 'YYYY-MM') AS month, i, j, category_slug, source, points, exact_i, exact_j,
              ward_code, area_code, month_ward_code, month_area_code, police_neighbourhood_id, n
       FROM incident_cell_count WHERE month BETWEEN $1::date AND $2::date ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14`,
      WINDOW,
    ),
  };
}

async function dataVersion(): Promise<number> {
  const [{ version }] = await db.query<{ version: string }>('SELECT version::text AS version FROM data_version');
  return Number(version);
}

describe('the bulk path of the police.uk import', () => {
  it('writes exactly the rows, placements and counts of the batched path, and the same updates', async () => {
    const synthetic = path.join(path.dirname(policeFile([])), 'synthetic.csv');
    await writeSynthetic(
      { count: 2_500, seed: 'bulk-path', months: 24, end: '2016-12', geodataDir: GEODATA },
      { out: synthetic },
    );
    const lines = fs.readFileSync(synthetic, 'utf8').trimEnd().split('\n').slice(1);
    // Beside the synthetic rows: rows without a point (placed by their LSOA), a point outside the
    // city, a Crime ID repeated, and two identical anti-social behaviour rows without one.
    const extra = [
      policeRow({ 'Crime ID': 'BULK-NOPOINT-1', Month: '2016-03', Longitude: '', Latitude: '', Location: '' }),
      policeRow({
        'Crime ID': 'BULK-NOPOINT-2',
        Month: '2015-07',
        Longitude: '',
        Latitude: '',
        'LSOA code': 'E01013453',
      }),
      policeRow({ 'Crime ID': 'BULK-OUTSIDE', Month: '2016-05', Longitude: '-1.2000', Latitude: '52.5000' }),
      policeRow({ 'Crime ID': 'BULK-TWICE', Month: '2016-06' }),
      policeRow({ 'Crime ID': 'BULK-TWICE', Month: '2016-06', 'Crime type': 'Robbery' }),
      policeRow({ Month: '2016-07', 'Crime type': 'Anti-social behaviour', 'Last outcome category': '' }),
      policeRow({ Month: '2016-07', 'Crime type': 'Anti-social behaviour', 'Last outcome category': '' }),
      policeRow({ Month: '2016-08', 'Crime type': 'Not a month', Longitude: 'x' }),
    ];
    const first = policeFile([...lines, ...extra]);
    // The same rows a month later, every seventh with a new outcome: the update path.
    const newer = policeFile(
      [...lines, ...extra].map((line, n) =>
        n % 7 === 0 ? line.replace('Under investigation', 'Investigation complete; no suspect identified') : line,
      ),
    );

    // Every run of an import of these files (by position: first, newer), status and counts; other
    // suites' imports on a shared server are not this test's.
    const runsSince = async (id: number) =>
      (
        await db.query<{ file: string; counts: string }>(
          `SELECT file, status || ' ' || concat_ws(' ', rows_read, inserted, updated, unchanged, rejected, outside_city,
                  no_location) AS counts
           FROM import_run WHERE id > $1 AND file = ANY($2::text[]) ORDER BY id`,
          [id, [first, newer]],
        )
      ).map((r) => `${r.file === first ? 'first' : 'newer'} ${r.counts}`);
    const lastRun = async () =>
      Number((await db.query<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM import_run'))[0].id);

    // The first file by the path named, then the newer one twice by the bulk path (or the
    // batched path, for the batched run): what each wrote, counted, recorded and reported.
    const run = async (way: 'batched' | 'bulk' | 'first load') => {
      const before = await dataVersion();
      const since = await lastRun();
      const bulk = way !== 'batched';
      const reportPath = `${first}.${way.replace(' ', '-')}.rejected.csv`;
      const a = await importPoliceFiles(dataSource, [first], {
        bulk,
        firstLoad: way === 'first load',
        batchSize: 700,
        reportPath,
      });
      const afterFirst = { incidents: await incidents(), counts: await counts() };
      const b = await importPoliceFiles(dataSource, [newer], { bulk, firstLoad: false, batchSize: 700 });
      const c = await importPoliceFiles(dataSource, [newer], { bulk, firstLoad: false, batchSize: 700 });
      expect([a.bulk, b.bulk, c.bulk]).toEqual([bulk, bulk, bulk]);
      expect(a.firstLoad).toBe(way === 'first load');
      return {
        results: [a.counts, b.counts, c.counts],
        afterFirst,
        afterNewer: { incidents: await incidents(), counts: await counts() },
        bumped: (await dataVersion()) > before,
        runs: await runsSince(since),
        report: fs.readFileSync(reportPath, 'utf8'),
      };
    };

    const batched = await run('batched');
    await clearWindow();
    const bulk = await run('bulk');
    await clearWindow();
    const firstLoad = await run('first load');

    const [a, b, c] = batched.results as ImportCounts[];
    expect(a).toMatchObject({ read: 2_508, rejected: 1, updated: 0, unchanged: 0 });
    expect(a.inserted + a.outsideCity).toBe(2_507);
    expect(a.outsideCity).toBeGreaterThanOrEqual(1);
    expect(a.noLocation).toBeGreaterThanOrEqual(2);
    expect(b.updated).toBeGreaterThan(20);
    expect(c).toMatchObject({ inserted: 0, updated: 0, unchanged: a.inserted });
    expect(batched.afterFirst.incidents.length).toBe(a.inserted);
    expect(batched.afterFirst.counts.cells.length).toBeGreaterThan(1_000);
    expect(batched.afterFirst.counts.months.length).toBeGreaterThan(1_000);
    expect(batched.afterNewer.incidents).not.toEqual(batched.afterFirst.incidents);
    expect(batched.runs).toEqual([
      `first completed 2508 ${a.inserted} 0 0 1 ${a.outsideCity} ${a.noLocation}`,
      expect.stringMatching(/^newer completed 2508 /),
      expect.stringMatching(/^newer completed 2508 0 0 /),
    ]);
    expect(batched.report).toMatch(/Not a month/);

    for (const other of [bulk, firstLoad]) {
      expect(other.results).toEqual(batched.results);
      expect(other.afterFirst).toEqual(batched.afterFirst);
      expect(other.afterNewer).toEqual(batched.afterNewer);
      expect(other.bumped).toBe(true);
      expect(other.runs).toEqual(batched.runs);
      expect(other.report).toEqual(batched.report);
    }
  }, 600_000);

  it('loads several files in one first load as the batched path does, a row seen again updated', async () => {
    const rows = (outcome: string) =>
      Array.from({ length: 40 }, (_, n) =>
        policeRow({
          'Crime ID': `FIRST-LOAD-${n}`,
          Month: `2015-${String((n % 12) + 1).padStart(2, '0')}`,
          Longitude: (-1.5 + (n % 8) * 0.01).toFixed(4),
          Latitude: (52.9 + Math.floor(n / 8) * 0.01).toFixed(4),
          'Last outcome category': n % 3 === 0 ? outcome : 'Under investigation',
        }),
      );
    const older = policeFile(rows('Under investigation'));
    const newer = policeFile([...rows('Court result unavailable'), policeRow({ Month: 'never' })]);
    const run = async (options: { bulk: boolean; firstLoad: boolean }) => {
      await clearWindow();
      const result = await importPoliceFiles(dataSource, [older, newer], options);
      expect(result.firstLoad).toBe(options.firstLoad);
      return { counts: result.counts, incidents: await incidents(), kept: await counts() };
    };
    // incident's indexes and constraints, valid: the first load drops and builds them again.
    const schema = () =>
      db.query(
        `SELECT c.relname, pg_get_indexdef(i.indexrelid) AS definition, i.indisvalid, i.indisready,
                (SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k
                 WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid) AS "constraint"
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         WHERE i.indrelid = 'incident'::regclass ORDER BY c.relname`,
      );
    const before = await schema();
    const batched = await run({ bulk: false, firstLoad: false });
    const firstLoad = await run({ bulk: true, firstLoad: true });
    expect(batched.counts).toMatchObject({ read: 81, rejected: 1, updated: 14 });
    expect(batched.incidents.length).toBe(batched.counts.inserted);
    expect(firstLoad).toEqual(batched);
    expect(before.length).toBeGreaterThan(10);
    expect(await schema()).toEqual(before);
  });

  // Two connections at once: the embedded database has one.
  (process.env.HUB_TEST_DATABASE_MODE === 'server' ? it : it.skip)(
    'lets readers by while an older reader keeps the first load from its exclusive lock',
    async () => {
      const file = policeFile([policeRow({ 'Crime ID': 'FIRST-LOAD-WAIT', Month: '2016-11' })]);
      const older = dataSource.createQueryRunner();
      await older.connect();
      await older.startTransaction();
      await older.query('SELECT count(*) FROM incident');
      let done = false;
      const load = importPoliceFiles(dataSource, [file], { firstLoad: true }).finally(() => (done = true));
      try {
        // The load reaches its exclusive lock and waits for the older reader; readers that come
        // after it are let by between its one-second tries instead of queueing behind it.
        for (let seen = 0; seen < 3;) {
          await new Promise((resolve) => setTimeout(resolve, 500));
          const [{ waiting }] = await db.query<{ waiting: boolean }>(
            `SELECT EXISTS (SELECT 1 FROM pg_stat_activity
                            WHERE pid <> pg_backend_pid() AND wait_event_type = 'Lock'
                              AND query LIKE '%LOCK TABLE incident IN ACCESS EXCLUSIVE MODE%') AS waiting`,
          );
          if (waiting) {
            seen += 1;
          }
          await withTransaction(dataSource, async (tx) => {
            await tx.query(`SET LOCAL lock_timeout = '10s'`);
            await tx.query('SELECT count(*) FROM incident');
          });
        }
        expect(done).toBe(false);
      } finally {
        await older.commitTransaction();
        await older.release();
      }
      expect((await load).counts.inserted).toBe(1);
    },
  );

  it('is the default where the database lets the importer turn triggers off', async () => {
    const [{ permitted }] = await db.query<{ permitted: boolean }>(
      `SELECT has_parameter_privilege('session_replication_role', 'SET') AS permitted`,
    );
    const file = policeFile([policeRow({ 'Crime ID': 'BULK-DEFAULT', Month: '2016-12' })]);
    const result = await importPoliceFiles(dataSource, [file]);
    expect(result.bulk).toBe(permitted);
    expect(result.counts.inserted).toBe(1);
  });
});
