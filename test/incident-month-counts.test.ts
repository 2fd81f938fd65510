import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Db } from '../src/db/db';
import { writeSynthetic } from '../src/ingest/generator/generate';
import { importPoliceFiles } from '../src/ingest/police/import-police';
import { importReports } from '../src/ingest/reports/import-reports';
import { PROJECT_ROOT } from '../src/paths';

import { holdTodaysIncidentsLock, inRolledBackTransaction } from './helpers/database';
import { graphqlSuite } from './helpers/graphql';

// Months no other suite writes, so the whole window can be removed afterwards.
const WINDOW = ['2037-01-01', '2037-02-01'];
const reported: string[] = [];

const suite = graphqlSuite(async (db) => {
  await db.query('DELETE FROM incident WHERE month BETWEEN $1::date AND $2::date', WINDOW);
  await db.query('DELETE FROM incident WHERE id = ANY($1::bigint[])', [reported]);
});
// Reports made through the API are dated today and kept until the suite's end (after the
// cleanup above: Jest runs afterAll hooks in the order they were declared).
let releaseTodaysIncidents: () => Promise<void> = async () => undefined;
beforeAll(async () => {
  releaseTodaysIncidents = await holdTodaysIncidentsLock('shared');
});
afterAll(() => releaseTodaysIncidents());

/**
 * Every difference between incident_month_count and a fresh count of incident per unit column,
 * unit, month and category, worked out here independently of the migration's SQL. One statement,
 * so one snapshot: suites writing beside this one cannot make it differ.
 */
function differences(db: Db): Promise<unknown[]> {
  return db.query(`
    WITH fresh AS (
      SELECT 'ward_code' AS unit_column, month, ward_code AS unit_key, category_slug, count(*)::int AS n
      FROM incident WHERE ward_code IS NOT NULL GROUP BY 2, 3, 4
      UNION ALL
      SELECT 'area_code', month, area_code, category_slug, count(*)::int
      FROM incident WHERE area_code IS NOT NULL GROUP BY 2, 3, 4
      UNION ALL
      SELECT 'month_ward_code', month, month_ward_code, category_slug, count(*)::int
      FROM incident WHERE month_ward_code IS NOT NULL GROUP BY 2, 3, 4
      UNION ALL
      SELECT 'month_area_code', month, month_area_code, category_slug, count(*)::int
      FROM incident WHERE month_area_code IS NOT NULL GROUP BY 2, 3, 4
      UNION ALL
      SELECT 'lsoa_code', month, lsoa_code, category_slug, count(*)::int
      FROM incident WHERE lsoa_code IS NOT NULL GROUP BY 2, 3, 4
      UNION ALL
      SELECT 'police_neighbourhood_id', month, police_neighbourhood_id::text, category_slug, count(*)::int
      FROM incident WHERE police_neighbourhood_id IS NOT NULL GROUP BY 2, 3, 4
    )
    SELECT unit_column, to_char(month, 'YYYY-MM') AS month, unit_key, category_slug, f.n AS fresh, c.n AS kept
    FROM fresh f FULL JOIN incident_month_count c USING (unit_column, month, unit_key, category_slug)
    WHERE f.n IS DISTINCT FROM c.n
    LIMIT 20`);
}

/** The kept counts of the test window per unit column, summed. */
async function windowTotals(db: Db): Promise<Record<string, number>> {
  const rows = await db.query<{ unit_column: string; n: number }>(
    `SELECT unit_column, sum(n)::int AS n FROM incident_month_count
     WHERE month BETWEEN $1::date AND $2::date GROUP BY 1`,
    WINDOW,
  );
  return Object.fromEntries(rows.map((r) => [r.unit_column, r.n]));
}

function windowIncidents(db: Db, where = 'true'): Promise<{ n: number }[]> {
  return db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM incident WHERE month BETWEEN $1::date AND $2::date AND ${where}`,
    WINDOW,
  );
}

describe('incident_month_count', () => {
  it('equals a fresh count of incident after every write path', async () => {
    const { db, dataSource } = suite;
    expect(await differences(db)).toEqual([]);

    // Bulk imports: police.uk rows and street-scene reports, a few hundred in one batch each.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-counts-'));
    const police = path.join(folder, 'police.csv');
    const reports = path.join(folder, 'reports.csv');
    await writeSynthetic(
      { count: 600, seed: 'counts', months: 2, end: '2037-02', geodataDir: path.join(PROJECT_ROOT, 'geodata') },
      { out: police, streetScene: reports },
    );
    await importPoliceFiles(dataSource, [police]);
    await importReports(dataSource, reports);
    expect(await differences(db)).toEqual([]);
    const [{ n: placed }] = await windowIncidents(db, 'ward_code IS NOT NULL');
    expect(placed).toBeGreaterThan(500);
    expect((await windowTotals(db)).ward_code).toBe(placed);

    // The same file again changes nothing (the upsert's UPDATE path with nothing to move).
    await importPoliceFiles(dataSource, [police]);
    expect(await differences(db)).toEqual([]);
    expect((await windowTotals(db)).ward_code).toBe(placed);

    // One report through the API, then its status changed: one more in its ward and month, then none.
    const key = `SELECT n FROM incident_month_count c JOIN incident i
                 ON c.unit_column = 'ward_code' AND c.unit_key = i.ward_code AND c.month = i.month
                 AND c.category_slug = i.category_slug WHERE i.id = $1::bigint`;
    const before = await db.query<{ n: number }>(
      `SELECT COALESCE(sum(n), 0)::int AS n FROM incident_month_count
       WHERE unit_column = 'ward_code' AND category_slug = 'fly-tipping' AND month = date_trunc('month', now())::date`,
    );
    const made = await suite.client.run<{ reportIssue: { id: string } }>(
      db,
      'mutation { reportIssue(input: { category: "fly-tipping", lon: -1.4776, lat: 52.9254, description: "TEST-COUNTS sofa" }) { id } }',
    );
    expect(made.errors).toBeUndefined();
    const id = made.data?.reportIssue.id as string;
    reported.push(id);
    const [{ n: after }] = await db.query<{ n: number }>(
      `SELECT sum(n)::int AS n FROM incident_month_count
       WHERE unit_column = 'ward_code' AND category_slug = 'fly-tipping' AND month = date_trunc('month', now())::date`,
    );
    expect(after).toBe(before[0].n + 1);
    const changed = await suite.client.run(
      db,
      `mutation { updateIssueStatus(id: "${id}", status: IN_PROGRESS) { id } }`,
    );
    expect(changed.errors).toBeUndefined();
    expect(await differences(db)).toEqual([]);
    expect((await db.query<{ n: number }>(key, [id]))[0].n).toBeGreaterThanOrEqual(1);

    // Category and ward moved for many rows in one statement.
    await db.query(
      `UPDATE incident SET category_slug = CASE category_slug WHEN 'burglary' THEN 'shoplifting' ELSE 'burglary' END
       WHERE month = $1::date AND id % 3 = 0`,
      [WINDOW[0]],
    );
    await db.query(
      `UPDATE incident SET ward_code = (SELECT min(code) FROM ward WHERE boundary_set_id = 'ons-wards-2023')
       WHERE month = $1::date AND id % 5 = 0`,
      [WINDOW[1]],
    );
    expect(await differences(db)).toEqual([]);
    expect((await windowTotals(db)).ward_code).toBe(placed);

    // A single delete, a bulk delete, then the whole window: its counts go, none left at zero.
    const [one] = await db.query<{ id: string }>(
      'SELECT id FROM incident WHERE month = $1::date AND ward_code IS NOT NULL LIMIT 1',
      [WINDOW[0]],
    );
    await db.query('DELETE FROM incident WHERE id = $1::bigint', [one.id]);
    expect((await windowTotals(db)).ward_code).toBe(placed - 1);
    await db.query('DELETE FROM incident WHERE month = $1::date', [WINDOW[1]]);
    expect(await differences(db)).toEqual([]);
    await db.query('DELETE FROM incident WHERE month BETWEEN $1::date AND $2::date', WINDOW);
    expect(await windowTotals(db)).toEqual({});
    expect(await differences(db)).toEqual([]);
  });

  it('follows a category renamed, which reaches incident by a cascade', async () => {
    const found = await inRolledBackTransaction(suite.dataSource, async (db) => {
      await db.query(`UPDATE incident_category SET slug = 'burglary-renamed' WHERE slug = 'burglary'`);
      return {
        differences: await differences(db),
        kept: await db.query<{ slug: string }>(
          `SELECT DISTINCT category_slug AS slug FROM incident_month_count WHERE category_slug LIKE 'burglary%'`,
        ),
      };
    });
    expect(found).toEqual({ differences: [], kept: [{ slug: 'burglary-renamed' }] });
  });

  it('is emptied with the incidents by TRUNCATE', async () => {
    const left = await inRolledBackTransaction(suite.dataSource, async (db) => {
      await db.query('TRUNCATE incident CASCADE');
      return db.query<{ n: number }>('SELECT count(*)::int AS n FROM incident_month_count');
    });
    expect(left).toEqual([{ n: 0 }]);
  });
});

describe('ward_adjacency', () => {
  /** The overlay the table stands for, computed now from the outlines. */
  const LIVE = `SELECT a.code AS "wardCode", b.code AS "neighbourCode"
    FROM ward a
    JOIN ward b ON b.code <> a.code AND b.boundary_set_id = a.boundary_set_id AND ST_Intersects(a.geom, b.geom)
    WHERE ST_Dimension(ST_Intersection(a.geom, b.geom)) >= 1
    ORDER BY 1, 2`;
  const KEPT = `SELECT ward_code AS "wardCode", neighbour_code AS "neighbourCode" FROM ward_adjacency ORDER BY 1, 2`;

  it('equals the overlay of the outlines, and follows an outline that changes', async () => {
    const { db, dataSource } = suite;
    const live = await db.query(LIVE);
    expect(live.length).toBeGreaterThan(50);
    expect(await db.query(KEPT)).toEqual(live);
    await inRolledBackTransaction(dataSource, async (tx) => {
      // Shrunk by about 500 m, the busiest ward touches no one; its neighbours lose it.
      await tx.query(
        `UPDATE ward SET geom = ST_Multi(ST_Buffer(geom, -0.005)), name = name || ' (shrunk)'
         WHERE code = (SELECT ward_code FROM ward_adjacency GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)`,
      );
      const moved = await tx.query(LIVE);
      expect(moved.length).toBeLessThan(live.length);
      expect(await tx.query(KEPT)).toEqual(moved);
    });
    expect(await db.query(KEPT)).toEqual(live);
  });
});
