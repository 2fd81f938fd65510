import fs from 'node:fs';
import path from 'node:path';

import type { DataSource } from 'typeorm';

import type { Db } from '../src/db/db';
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

    const run = async (bulk: boolean) => {
      const before = await dataVersion();
      const a = await importPoliceFiles(dataSource, [first], { bulk, batchSize: 700 });
      const afterFirst = { incidents: await incidents(), counts: await counts() };
      const b = await importPoliceFiles(dataSource, [newer], { bulk, batchSize: 700 });
      const c = await importPoliceFiles(dataSource, [newer], { bulk, batchSize: 700 });
      expect([a.bulk, b.bulk, c.bulk]).toEqual([bulk, bulk, bulk]);
      return {
        results: [a.counts, b.counts, c.counts],
        afterFirst,
        afterNewer: { incidents: await incidents(), counts: await counts() },
        bumped: (await dataVersion()) > before,
      };
    };

    const batched = await run(false);
    await clearWindow();
    const bulk = await run(true);

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

    expect(bulk.results).toEqual(batched.results);
    expect(bulk.afterFirst).toEqual(batched.afterFirst);
    expect(bulk.afterNewer).toEqual(batched.afterNewer);
    expect(bulk.bumped).toBe(true);
  }, 300_000);

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
