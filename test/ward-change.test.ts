import { anonymous } from '../src/auth/caller';
import type { Db } from '../src/db/db';

import { inRolledBackTransaction } from './helpers/database';
import { errorCodes, graphqlSuite } from './helpers/graphql';

const BOULTON = 'E05001772';
const ALVASTON_SOUTH = 'E05015510';
const CHELLASTON_NOW = 'E05015516';

interface Share {
  ward: { code: string };
  landShare: number;
  residentsShare: number;
  residentsShareOfCurrent: number;
  incidents: number;
  incidentsShare: number;
}

interface Change {
  wardChange: {
    ward: { name: string; validTo: string };
    boundarySet: string;
    method: string;
    successors: Share[];
    figures: {
      observed: number;
      estimated: number;
      total: number;
      months: { month: string; count: number; estimated: boolean }[];
    };
  };
}

const CHANGE = `query ($from: String!, $f: String!, $t: String!) {
  wardChange(from: $from) {
    ward { name validTo }
    boundarySet
    method
    successors { ward { code } landShare residentsShare residentsShareOfCurrent incidents incidentsShare }
    figures(from: $f, to: $t, categories: ["anti-social-behaviour"]) { observed estimated total months { month count estimated } }
  }
}`;

const suite = graphqlSuite();

/**
 * Writes `n` anti-social behaviour incidents of one month at one point, placed as the importer
 * places them (place_point on the month's last day).
 */
async function plant(db: Db, n: number, month: string, pointSql: string, tag: string): Promise<void> {
  await db.query(
    `INSERT INTO incident (source, source_key, category_slug, month, geom, geom_bng, ward_code, area_code,
                           month_ward_code, month_area_code, lsoa_code)
     SELECT 'synthetic-test', 'ward-change:' || $3::text || ':' || $2::text || ':' || k, 'anti-social-behaviour', $2::date, p.g,
            ST_Transform(p.g, 27700), pl.ward_code, pl.area_code, pl.month_ward_code, pl.month_area_code, pl.lsoa_code
     FROM generate_series(1, $1::int) k
     CROSS JOIN (${pointSql}) p
     CROSS JOIN LATERAL place_point(p.g, placement_day($2::date)) pl`,
    [n, `${month}-01`, tag],
  );
}

/** A point inside every ward named (the codes are the test's own constants). */
const pointIn = (codes: string[]) =>
  `SELECT ST_PointOnSurface(${codes.map((c) => `(SELECT geom FROM ward WHERE code = '${c}')`).reduce((a, b) => `ST_Intersection(${a}, ${b})`)}) AS g`;

describe('wardChange: what became of a 2013 ward', () => {
  it("names the current wards that took Boulton's land, residents and incidents, each set of shares summing to 1", async () => {
    const result = await suite.client.run<Change>(suite.db, CHANGE, { from: BOULTON, f: '2018-12', t: '2018-12' });
    expect(result.errors).toBeUndefined();
    const change = result.data?.wardChange;
    expect(change?.ward).toEqual({ name: 'Boulton', validTo: '2023-05-03' });
    expect(change?.boundarySet).toBe('ons-wards-2023');
    expect(change?.method).toMatch(/residents-weighted apportionment through LSOAs/);
    const shares = change?.successors ?? [];
    expect(shares.map((s) => s.ward.code)).toContain(ALVASTON_SOUTH);
    for (const key of ['landShare', 'residentsShare', 'incidentsShare'] as const) {
      expect(Math.abs(shares.reduce((sum, s) => sum + s[key], 0) - 1)).toBeLessThan(1e-9);
    }

    // Independently: Boulton's December 2018 incidents, read one by one with their current ward.
    const listed = await suite.client.run<{
      incidents: { totalCount: number; edges: { node: { ward: { code: string }; currentWard: { code: string } } }[] };
    }>(
      suite.db,
      `{ incidents(filter: { wardCodes: ["${BOULTON}"] }, first: 1000) { totalCount edges { node { ward { code } currentWard { code } } } } }`,
    );
    const nodes = listed.data?.incidents.edges.map((e) => e.node) ?? [];
    expect(nodes.length).toBe(listed.data?.incidents.totalCount);
    expect(nodes.every((n) => n.ward.code === BOULTON)).toBe(true);
    const byCurrent = new Map<string, number>();
    nodes.forEach((n) => byCurrent.set(n.currentWard.code, (byCurrent.get(n.currentWard.code) ?? 0) + 1));
    expect(new Map(shares.filter((s) => s.incidents > 0).map((s) => [s.ward.code, s.incidents]))).toEqual(byCurrent);
  });

  it('keeps observed months and re-estimates the months after the change by residents, computed by hand', async () => {
    const outcome = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      // April 2023 (the 2013 set still in force) on land Boulton gave Alvaston South: observed on Boulton.
      await plant(tx, 3, '2023-04', pointIn([BOULTON, ALVASTON_SOUTH]), 'boulton');
      // June 2024 in Alvaston South (a successor) and in Chellaston & Shelton Lock (not one).
      await plant(tx, 10, '2024-06', pointIn([ALVASTON_SOUTH]), 'alvaston-south');
      await plant(tx, 4, '2024-06', pointIn([CHELLASTON_NOW]), 'chellaston');
      return suite.client.run<Change>(tx, CHANGE, { from: BOULTON, f: '2023-04', t: '2024-06' });
    });
    expect(outcome.errors).toBeUndefined();
    const change = outcome.data?.wardChange;
    const months = change?.figures.months ?? [];
    expect(months).toHaveLength(15);
    expect(months[0]).toEqual({ month: '2023-04', count: 3, estimated: false });
    expect(months.slice(1).every((m) => m.estimated)).toBe(true);
    // June 2024: Alvaston South's 10, times the share of its residents on Boulton's land; the 4 in
    // a ward that took none of Boulton count for nothing.
    const r = change?.successors.find((s) => s.ward.code === ALVASTON_SOUTH)?.residentsShareOfCurrent ?? NaN;
    expect(r).toBeGreaterThan(0.5);
    expect(r).toBeLessThan(1);
    expect(months[14].count).toBeCloseTo(10 * r, 9);
    expect(months.slice(1, 14).every((m) => m.count === 0)).toBe(true);
    expect(change?.figures.observed).toBe(3);
    expect(change?.figures.estimated).toBeCloseTo(10 * r, 9);
    expect(change?.figures.total).toBeCloseTo(3 + 10 * r, 9);
  });

  it('refuses a ward of the current set, an unknown code, and monthly figures for public callers', async () => {
    const current = await suite.client.run(suite.db, `{ wardChange(from: "${ALVASTON_SOUTH}") { boundarySet } }`);
    expect(errorCodes(current)).toEqual(['BAD_USER_INPUT']);
    expect(current.errors?.[0].message).toMatch(/ons-wards-2023, the current set: its predecessors field/);
    const unknown = await suite.client.run(suite.db, '{ wardChange(from: "E05009999") { boundarySet } }');
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
    const open = await suite.client.run(
      suite.db,
      `{ wardChange(from: "${BOULTON}") { successors { landShare } } }`,
      undefined,
      anonymous('127.0.0.1'),
    );
    expect(open.errors).toBeUndefined();
    const figures = await suite.client.run(
      suite.db,
      `{ wardChange(from: "${BOULTON}") { figures(from: "2018-12", to: "2018-12") { total } } }`,
      undefined,
      anonymous('127.0.0.1'),
    );
    expect(errorCodes(figures)).toEqual(['UNAUTHENTICATED']);
  });
});
