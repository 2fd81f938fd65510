import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { DataSource } from 'typeorm';

import type { Db } from '../src/db/db';
import { incidentFilesOf } from '../src/ingest/geodata/read';
import { ImportRefusedError } from '../src/ingest/import-refused';
import { expandPaths, importPoliceFiles } from '../src/ingest/police/import-police';
import { DEFAULT_MANIFEST } from '../src/paths';

import { unitAt, wardSetFiles } from './helpers/boundary-sets';
import { connectTestDatabase } from './helpers/database';
import { csv } from './helpers/geodata-files';
import { policeFile, policeRow } from './helpers/police-files';

const [earlier, current] = wardSetFiles();
// An LSOA whose 2011 code lives on in the 2021 set, so each ward set's lookup has it.
const LIVING_LSOA = 'E01013453';

let dataSource: DataSource;
let db: Db;

beforeAll(async () => {
  ({ dataSource, db } = await connectTestDatabase());
});

afterAll(async () => {
  // Every row these tests write sits in 2031 (other suites use other years), but for those
  // around the change of ward sets, keyed TEST-SETS-; remove them.
  await db.query(`DELETE FROM incident WHERE source = 'police.uk' AND month BETWEEN '2031-01-01' AND '2031-12-01'`);
  await db.query(`DELETE FROM incident WHERE source = 'police.uk' AND source_key LIKE 'TEST-SETS-%'`);
  await db.query(`DELETE FROM incident_category WHERE slug = 'test-new-crime-type'`);
  await dataSource.destroy();
});

const REAL = incidentFilesOf(DEFAULT_MANIFEST)[0];

async function countWhere(where: string, params: unknown[] = []): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM incident WHERE ${where}`, params);
  return row.n;
}

describe('importing the real December 2018 police.uk file', () => {
  it('keeps every row: per-category totals equal a count of the file’s Crime type column', async () => {
    const fromFile = new Map<string, number>();
    for (const row of csv('police-uk-derbyshire-sample.csv')) {
      fromFile.set(row['Crime type'], (fromFile.get(row['Crime type']) ?? 0) + 1);
    }
    const rows = await db.query<{ name: string; n: number }>(
      `SELECT c.police_name AS name, count(*)::int AS n FROM incident i JOIN incident_category c ON c.slug = i.category_slug
       WHERE i.source = 'police.uk' AND i.month = '2018-12-01' GROUP BY 1`,
    );
    expect(new Map(rows.map((r) => [r.name, r.n]))).toEqual(fromFile);
    expect([...fromFile.values()].reduce((a, b) => a + b)).toBe(2710);
  });

  it('gives the same counts when imported again: every row read, all unchanged', async () => {
    const before = await countWhere(`source = 'police.uk'`);
    const result = await importPoliceFiles(dataSource, [REAL]);
    expect(result.counts).toEqual({
      read: 2710,
      inserted: 0,
      updated: 0,
      unchanged: 2710,
      rejected: 0,
      outsideCity: 0,
      noLocation: 0,
    });
    expect(await countWhere(`source = 'police.uk'`)).toBe(before);
    const [run] = await db.query<{ rows_read: number; unchanged: number; status: string }>(
      `SELECT rows_read, unchanged, status FROM import_run WHERE file = $1 ORDER BY id DESC LIMIT 1`,
      [REAL],
    );
    expect(run).toEqual({ rows_read: 2710, unchanged: 2710, status: 'completed' });
  });

  it('keys the anti-social behaviour rows (no Crime ID) and repeated Crime IDs stably', async () => {
    expect(await countWhere(`source = 'police.uk' AND source_key LIKE 'derived:%'`)).toBe(842);
    expect(await countWhere(`source = 'police.uk' AND source_key LIKE '%#%'`)).toBe(15);
  });
});

describe('rows on either side of the change of ward sets', () => {
  it('places April 2023 on the 2013 wards and May 2023 on the current ones, and both on the current wards today', async () => {
    const point = [-1.4776, 52.9254];
    const file = policeFile([
      policeRow({ 'Crime ID': 'TEST-SETS-APRIL', Month: '2023-04' }),
      policeRow({ 'Crime ID': 'TEST-SETS-MAY', Month: '2023-05' }),
      // Without a point, placed by the best-fit ward of its LSOA in each set.
      policeRow({
        'Crime ID': 'TEST-SETS-NOPOINT',
        Month: '2022-06',
        Longitude: '',
        Latitude: '',
        'LSOA code': LIVING_LSOA,
      }),
    ]);
    expect((await importPoliceFiles(dataSource, [file])).counts).toMatchObject({
      inserted: 3,
      rejected: 0,
      noLocation: 1,
    });
    const rows = await db.query<{ key: string; month_ward_code: string; ward_code: string }>(
      `SELECT source_key AS key, month_ward_code, ward_code FROM incident
       WHERE source = 'police.uk' AND source_key LIKE 'TEST-SETS-%' ORDER BY source_key`,
    );
    const then = unitAt(earlier.wards, point);
    const now = unitAt(current.wards, point);
    expect(then).not.toBe(now);
    expect(rows).toEqual([
      { key: 'TEST-SETS-APRIL', month_ward_code: then, ward_code: now },
      { key: 'TEST-SETS-MAY', month_ward_code: now, ward_code: now },
      {
        key: 'TEST-SETS-NOPOINT',
        month_ward_code: earlier.lookup.get(LIVING_LSOA),
        ward_code: current.lookup.get(LIVING_LSOA),
      },
    ]);
  });
});

describe('a killed import', () => {
  it('keeps whole committed batches, and a re-run completes it with exact totals and no duplicates', async () => {
    const rows = Array.from({ length: 250 }, (_, i) =>
      policeRow({ 'Crime ID': `TEST-KILL-${i}`, Month: '2031-02', Longitude: String(-1.47 - i * 0.0001) }),
    );
    const file = policeFile(rows);
    let batches = 0;
    await expect(
      importPoliceFiles(dataSource, [file], {
        batchSize: 40,
        onProgress: () => {
          batches += 1;
          if (batches === 3) {
            throw new Error('killed');
          }
        },
      }),
    ).rejects.toThrow('killed');
    expect(await countWhere(`source_key LIKE 'TEST-KILL-%'`)).toBe(120);
    const resumed = await importPoliceFiles(dataSource, [file], { batchSize: 40 });
    expect(resumed.counts).toMatchObject({ read: 250, inserted: 130, unchanged: 120, rejected: 0 });
    expect(await countWhere(`source_key LIKE 'TEST-KILL-%'`)).toBe(250);
  });
});

describe('an updated outcome', () => {
  it('counts a newer outcome for a known Crime ID as updated', async () => {
    const first = policeFile([policeRow({ 'Crime ID': 'TEST-OUTCOME-1', Month: '2031-03' })]);
    const later = policeFile([
      policeRow({ 'Crime ID': 'TEST-OUTCOME-1', Month: '2031-03', 'Last outcome category': 'Offender sent to prison' }),
    ]);
    expect((await importPoliceFiles(dataSource, [first])).counts.inserted).toBe(1);
    expect((await importPoliceFiles(dataSource, [later])).counts).toMatchObject({ read: 1, updated: 1, inserted: 0 });
    const [row] = await db.query<{ outcome: string }>(
      `SELECT outcome FROM incident WHERE source_key = 'TEST-OUTCOME-1'`,
    );
    expect(row.outcome).toBe('Offender sent to prison');
  });
});

describe('bad input', () => {
  it('refuses a file with the wrong header before writing any row, showing the expected header', async () => {
    const good = policeFile([policeRow({ 'Crime ID': 'TEST-HEADER-1', Month: '2031-04' })]);
    const bad = policeFile({ text: 'id,month,lon,lat\n1,2031-04,-1.47,52.92\n' }, 'other.csv');
    const attempt = importPoliceFiles(dataSource, [good, bad]);
    await expect(attempt).rejects.toThrow(ImportRefusedError);
    await expect(attempt).rejects.toThrow(
      /other\.csv: not a police\.uk street-level CSV: expected the header "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context", got "id,month,lon,lat"/,
    );
    expect(await countWhere(`source_key = 'TEST-HEADER-1'`)).toBe(0);
  });

  it('says an empty file is empty', async () => {
    await expect(importPoliceFiles(dataSource, [policeFile({ text: '' })])).rejects.toThrow(/police\.csv is empty/);
  });

  it('rejects bad coordinates, points outside the UK and malformed rows with line numbers, importing the rest', async () => {
    const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-report-')), 'rejected.csv');
    const file = policeFile([
      policeRow({ 'Crime ID': 'TEST-BAD-1', Month: '2031-05' }),
      policeRow({ 'Crime ID': 'TEST-BAD-2', Month: '2031-05', Longitude: 'west', Latitude: '52.9' }),
      policeRow({ 'Crime ID': 'TEST-BAD-3', Month: '2031-05', Longitude: '2.35', Latitude: '48.85' }),
      policeRow({ 'Crime ID': 'TEST-BAD-4', Month: '31/05/2031' }),
      'TEST-BAD-5,2031-05,"unclosed quote,x',
      policeRow({ 'Crime ID': 'TEST-BAD-6', Month: '2031-05', Longitude: '-0.1276', Latitude: '51.5072' }),
      policeRow({ 'Crime ID': 'TEST-BAD-7', Month: '2031-05', Longitude: '', Latitude: '', 'LSOA code': LIVING_LSOA }),
    ]);
    const result = await importPoliceFiles(dataSource, [file], { reportPath: report });
    expect(result.counts).toEqual({
      read: 7,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      rejected: 4,
      outsideCity: 1,
      noLocation: 1,
    });
    const lines = fs.readFileSync(report, 'utf8');
    expect(lines).toMatch(/"3","Longitude and Latitude must both be numbers, got ""west"", ""52.9"""/);
    expect(lines).toMatch(/"4","the point \(2.35, 48.85\) is outside the United Kingdom"/);
    expect(lines).toMatch(/"5","Month must be YYYY-MM, got ""31\/05\/2031"""/);
    expect(lines).toMatch(/"6","malformed CSV: /);
    // The row without a point is placed by its LSOA code's best-fit ward (2031: the current set's).
    const [placed] = await db.query<{ ward_code: string; month_ward_code: string; geom: null }>(
      `SELECT ward_code, month_ward_code, geom FROM incident WHERE source_key = 'TEST-BAD-7'`,
    );
    const ward = current.lookup.get(LIVING_LSOA);
    expect(placed).toEqual({ ward_code: ward, month_ward_code: ward, geom: null });
  });

  it('keeps an unknown crime type under its own slug and reports it', async () => {
    const file = policeFile([
      policeRow({ 'Crime ID': 'TEST-TYPE-1', Month: '2031-06', 'Crime type': 'Test new crime type' }),
    ]);
    const result = await importPoliceFiles(dataSource, [file]);
    expect([...result.unknownTypes]).toEqual([['Test new crime type', 1]]);
    const [row] = await db.query<{ category_slug: string }>(
      `SELECT category_slug FROM incident WHERE source_key = 'TEST-TYPE-1'`,
    );
    expect(row.category_slug).toBe('test-new-crime-type');
  });

  it('maps a Crime type given as a police.uk slug to its category', async () => {
    const file = policeFile([
      policeRow({ 'Crime ID': 'TEST-SLUG-1', Month: '2031-06', 'Crime type': 'violent-crime' }),
    ]);
    const result = await importPoliceFiles(dataSource, [file]);
    expect(result.unknownTypes.size).toBe(0);
    const [row] = await db.query<{ category_slug: string }>(
      `SELECT category_slug FROM incident WHERE source_key = 'TEST-SLUG-1'`,
    );
    expect(row.category_slug).toBe('violent-crime');
  });

  it('expands folders and globs, and refuses a path that matches nothing', async () => {
    const file = policeFile([policeRow()]);
    expect(await expandPaths([path.dirname(file)])).toEqual([file]);
    expect(await expandPaths([path.join(path.dirname(file), '*.csv')])).toEqual([file]);
    await expect(expandPaths(['/nowhere/*.csv'])).rejects.toThrow(
      '/nowhere/*.csv: no such file, folder or matching glob',
    );
  });
});
