import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';

import type { Db } from '../src/db/db';
import { writeSynthetic } from '../src/ingest/generator/generate';
import { importPoliceFiles } from '../src/ingest/police/import-police';

import { inRolledBackTransaction } from './helpers/database';
import { GEODATA } from './helpers/geodata-files';
import { errorCodes, graphqlSuite } from './helpers/graphql';

const suite = graphqlSuite(async (db) => {
  await db.query(
    `DELETE FROM incident WHERE source = 'synthetic-police.uk' AND month BETWEEN '2034-01-01' AND '2034-12-01'`,
  );
});

interface Cell {
  id: string;
  count: number;
  zScore: number | null;
  confidence: number;
  neighbourCount: number;
  geometry: Polygon;
  wards: { code: string }[];
}

const CELLS = 'cells { id count zScore pValue fdrPValue confidence neighbourCount geometry wards { code } }';

// The textbook Gi* (Ord & Getis 1995), written out for the checks below.
function byHand(x: number[], near: (i: number, j: number) => boolean, i: number): number {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b) / n;
  const s = Math.sqrt(x.reduce((a, b) => a + b * b, 0) / n - mean * mean);
  let sumWx = 0;
  let w = 0;
  for (let j = 0; j < n; j += 1) {
    if (near(i, j)) {
      sumWx += x[j];
      w += 1;
    }
  }
  return (sumWx - mean * w) / (s * Math.sqrt((n * w - w * w) / (n - 1)));
}

/** Puts `counts[k]` incidents at the centre of each cell (x, y in EPSG:27700) inside a transaction. */
async function plant(tx: Db, cells: { x: number; y: number; n: number }[]): Promise<void> {
  await tx.query(
    `INSERT INTO incident (source, source_key, category_slug, month, geom, geom_bng, ward_code, area_code)
     SELECT 'test-grid', 'grid-' || c.k || '-' || g, 'drugs', '2036-01-01', ST_Transform(p, 4326), p, NULL, NULL
     FROM unnest($1::float8[], $2::float8[], $3::int[]) WITH ORDINALITY AS c(x, y, n, k),
          LATERAL (SELECT ST_SetSRID(ST_MakePoint(c.x, c.y), 27700) AS p) pt,
          generate_series(1, c.n) g`,
    [cells.map((c) => c.x), cells.map((c) => c.y), cells.map((c) => c.n)],
  );
}

/** A box given in EPSG:27700 metres, as a GeoJSON polygon (wgs84() below turns it into WGS 84). */
function within(west: number, south: number, east: number, north: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}

async function wgs84(tx: Db, polygon: Polygon): Promise<Polygon> {
  const [row] = await tx.query<{ g: Polygon }>(
    `SELECT ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 27700), 4326), 12)::json AS g`,
    [JSON.stringify(polygon)],
  );
  return row.g;
}

describe('hotspots: Gi* over a grid in PostGIS', () => {
  // A 4 × 3 block of 250 m squares far from Derby (origin at a multiple of 250 m).
  const X0 = 500_000;
  const Y0 = 200_000;
  const counts = [0, 3, 1, 7, 2, 9, 4, 0, 5, 6, 1, 8];

  it('equals the textbook formula on square cells, corners and edges included', async () => {
    const cells = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      await plant(
        tx,
        counts.map((n, k) => ({ x: X0 + (k % 4) * 250 + 125, y: Y0 + Math.floor(k / 4) * 250 + 125, n })),
      );
      const area = await wgs84(tx, within(X0 + 5, Y0 + 5, X0 + 995, Y0 + 745));
      const result = await suite.client.run<{ hotspots: { parameters: { bandMetres: number }; cells: Cell[] } }>(
        tx,
        `query ($area: GeoJSON) { hotspots(input: { from: "2036-01", to: "2036-01", sources: ["test-grid"], within: $area, fdr: false }) { parameters { bandMetres } ${CELLS} } }`,
        { area },
      );
      expect(result.errors).toBeUndefined();
      return result.data?.hotspots;
    });
    expect(cells?.parameters.bandMetres).toBe(375);
    const grid = cells?.cells ?? [];
    expect(grid).toHaveLength(12);
    // Cells come back row by row (j, then i); the id is i:j of ST_SquareGrid.
    const index = grid.map((c) => c.id.split(':').map(Number));
    const x = grid.map((c) => c.count);
    expect(x).toEqual(counts);
    const near = (a: number, b: number) =>
      Math.abs(index[a][0] - index[b][0]) <= 1 && Math.abs(index[a][1] - index[b][1]) <= 1;
    grid.forEach((c, k) => {
      expect(Math.abs((c.zScore as number) - byHand(x, near, k))).toBeLessThan(1e-9);
      expect(c.neighbourCount).toBe(grid.filter((_, j) => j !== k && near(k, j)).length);
    });
    expect(grid[0].neighbourCount).toBe(3);
    expect(grid[5].neighbourCount).toBe(8);
  });

  it('equals the textbook formula on hexagonal cells', async () => {
    const size = 200;
    const centre = (i: number, j: number) => ({
      x: i * 1.5 * size,
      y: j * Math.sqrt(3) * size + (i % 2 !== 0 ? (Math.sqrt(3) / 2) * size : 0),
    });
    const ids: [number, number][] = [];
    for (let i = 1700; i < 1704; i += 1) {
      for (let j = 600; j < 603; j += 1) {
        ids.push([i, j]);
      }
    }
    const planted = ids.map(([i, j], k) => ({ ...centre(i, j), n: counts[k] }));
    const result = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      await plant(tx, planted);
      // An outline through the planted centres, so only cells around them are laid.
      const xs = planted.map((p) => p.x);
      const ys = planted.map((p) => p.y);
      const area = await wgs84(tx, within(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)));
      return suite.client.run<{ hotspots: { cells: Cell[] } }>(
        tx,
        `query ($area: GeoJSON) { hotspots(input: { from: "2036-01", to: "2036-01", sources: ["test-grid"], within: $area, cellShape: HEXAGON, cellSizeMetres: ${size}, fdr: false }) { ${CELLS} } }`,
        { area },
      );
    });
    expect(result.errors).toBeUndefined();
    const grid = result.data?.hotspots.cells ?? [];
    const at = grid.map((c) => centre(...(c.id.split(':').map(Number) as [number, number])));
    const x = grid.map((c) => c.count);
    expect(x.reduce((a, b) => a + b)).toBe(counts.reduce((a, b) => a + b));
    for (const p of planted) {
      const k = at.findIndex((c) => Math.abs(c.x - p.x) < 1e-6 && Math.abs(c.y - p.y) < 1e-6);
      expect(grid[k].count).toBe(p.n);
    }
    const near = (a: number, b: number) => Math.hypot(at[a].x - at[b].x, at[a].y - at[b].y) <= 2 * size;
    grid.forEach((c, k) => expect(Math.abs((c.zScore as number) - byHand(x, near, k))).toBeLessThan(1e-9));
  });

  it('returns null z-scores, no significant cell and a warning for a constant grid (S = 0)', async () => {
    const result = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      await plant(
        tx,
        counts.map((_, k) => ({ x: X0 + (k % 4) * 250 + 125, y: Y0 + Math.floor(k / 4) * 250 + 125, n: 2 })),
      );
      const area = await wgs84(tx, within(X0 + 5, Y0 + 5, X0 + 995, Y0 + 745));
      return suite.client.run<{ hotspots: { warnings: string[]; cells: Cell[] } }>(
        tx,
        `query ($area: GeoJSON) { hotspots(input: { from: "2036-01", to: "2036-01", sources: ["test-grid"], within: $area }) { warnings ${CELLS} } }`,
        { area },
      );
    });
    const h = result.data?.hotspots;
    expect(h?.cells.every((c) => c.zScore === null && c.confidence === 0)).toBe(true);
    expect(h?.warnings).toEqual([
      'every cell has the same count (S = 0): Gi* is undefined, so no cell is marked significant',
    ]);
  });

  it('covers the city with cells, zero cells included, and counts every December 2018 incident once', async () => {
    const result = await suite.client.run<{
      hotspots: { parameters: { extent: string; cellSizeMetres: number }; cells: Cell[] };
    }>(
      suite.db,
      '{ hotspots(input: { from: "2018-12", to: "2018-12", sources: ["police.uk"] }) { parameters { extent cellSizeMetres } cells { count confidence wards { code } } } }',
    );
    expect(result.errors).toBeUndefined();
    const cells = result.data?.hotspots.cells ?? [];
    expect(result.data?.hotspots.parameters).toEqual({ extent: 'whole city', cellSizeMetres: 250 });
    expect(cells.reduce((s, c) => s + c.count, 0)).toBe(2710);
    expect(cells.some((c) => c.count === 0)).toBe(true);
    expect(cells.some((c) => c.confidence === 3)).toBe(true);
    expect(cells.every((c) => c.wards.length >= 1)).toBe(true);
  });

  it.each([
    ['cellSizeMetres: 10', 'cellSizeMetres must be between 25 and 5000, got 10'],
    ['cellSizeMetres: 6000', 'cellSizeMetres must be between 25 and 5000, got 6000'],
    ['cellSizeMetres: 250, bandMetres: 100', 'bandMetres must be from the cell size (250 m) to 50000 m, got 100'],
    ['cellSizeMetres: 50, bandMetres: 1e9', 'bandMetres must be from the cell size (50 m) to 50000 m, got 1000000000'],
    [
      'cellSizeMetres: 50, bandMetres: 2000',
      /^a band of 2000 m over about \d+ cells compares about \d+ pairs of cells; at most 10000000 are compared/,
    ],
    [
      'bbox: [-2.5, 52, -0.5, 53.5], cellSizeMetres: 100',
      /^the extent's bounding box needs about \d+ cells of 100 m; at most 250000 are computed/,
    ],
    // A self-intersecting "bowtie" has almost no area but a large box: it is refused, not priced by its area.
    [
      'within: { type: "Polygon", coordinates: [[[-2.5, 52], [-0.5, 53.5], [-0.5, 52], [-2.5, 53.5], [-2.5, 52]]] }',
      /^within must be a valid polygon .*Self-intersection/,
    ],
    [
      'within: { type: "Polygon", coordinates: [[[-1.5, 52.9], [-1.46, 52.94], [-1.46, 52.9], [-1.5, 52.94], [-1.5, 52.9]]] }',
      /^within must be a valid polygon .*Self-intersection/,
    ],
    ['categories: ["nope"]', 'unknown incident category "nope"; the categories query lists them'],
    ['wardCodes: ["E05999999"]', 'unknown ward code(s) "E05999999"; the wards query lists them'],
    [
      'within: { type: "Point", coordinates: [-1.47, 52.92] }',
      'filter.within: expected a Polygon or MultiPolygon, got Point',
    ],
  ])('refuses %s with BAD_USER_INPUT naming the limit', async (args, message) => {
    const result = await suite.client.run(
      suite.db,
      `{ hotspots(input: { from: "2018-12", to: "2018-12", ${args} }) { warnings } }`,
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].message).toMatch(message);
  });

  it('returns only significant cells when asked, the same cells the full answer marks significant', async () => {
    const query = (only: boolean) =>
      suite.client.run<{ hotspots: { parameters: { significantOnly: boolean }; cells: Cell[] } }>(
        suite.db,
        `{ hotspots(input: { from: "2018-12", to: "2018-12" }, significantOnly: ${only}) { parameters { significantOnly } ${CELLS} } }`,
      );
    const [all, only] = [await query(false), await query(true)];
    const significant = (all.data?.hotspots.cells ?? []).filter((c) => c.confidence !== 0);
    expect(significant.length).toBeGreaterThan(0);
    expect(only.data?.hotspots.parameters.significantOnly).toBe(true);
    expect(only.data?.hotspots.cells).toEqual(significant);
  });

  it('refuses an answer of more cells than one response holds, and offers significantOnly', async () => {
    const ask = (only: boolean) =>
      suite.client.run<{ hotspots: { cells: Cell[] } }>(
        suite.db,
        `{ hotspots(input: { from: "2018-12", to: "2018-12", cellSizeMetres: 50 }, significantOnly: ${only}) { cells { id confidence } } }`,
      );
    const full = await ask(false);
    expect(errorCodes(full)).toEqual(['BAD_USER_INPUT']);
    expect(full.errors?.[0].message).toMatch(
      /^the analysis found \d+ cells and a response holds at most 20000: ask for significantOnly/,
    );
    const only = await ask(true);
    expect(only.errors).toBeUndefined();
    expect(only.data?.hotspots.cells.length).toBeGreaterThan(0);
    expect(only.data?.hotspots.cells.every((c) => c.confidence !== 0)).toBe(true);
  });

  it('refuses an inverted period', async () => {
    const result = await suite.client.run(
      suite.db,
      '{ hotspots(input: { from: "2019-01", to: "2018-12" }) { warnings } }',
    );
    expect(result.errors?.[0].message).toBe('the period is inverted: to (2018-12) is before from (2019-01)');
  });
});

describe('hotspotAccuracy', () => {
  it('scores flagged cells on a later period: hit rate and PAI by hand', async () => {
    const X0 = 500_000;
    const Y0 = 200_000;
    const flagCounts = [20, 18, 0, 0, 19, 17, 0, 1, 0, 0, 1, 0];
    const testCounts = [6, 4, 1, 0, 5, 3, 0, 1, 1, 0, 2, 1];
    const outcome = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      const at = (k: number) => ({ x: X0 + (k % 4) * 250 + 125, y: Y0 + Math.floor(k / 4) * 250 + 125 });
      await plant(
        tx,
        flagCounts.map((n, k) => ({ ...at(k), n })),
      );
      await tx.query(
        `INSERT INTO incident (source, source_key, category_slug, month, geom, geom_bng)
         SELECT 'test-grid', 'later-' || c.k || '-' || g, 'drugs', '2036-02-01', ST_Transform(p, 4326), p
         FROM unnest($1::float8[], $2::float8[], $3::int[]) WITH ORDINALITY AS c(x, y, n, k),
              LATERAL (SELECT ST_SetSRID(ST_MakePoint(c.x, c.y), 27700) AS p) pt, generate_series(1, c.n) g`,
        [testCounts.map((_, k) => at(k).x), testCounts.map((_, k) => at(k).y), testCounts],
      );
      const area = await wgs84(tx, within(X0 + 5, Y0 + 5, X0 + 995, Y0 + 745));
      const input = `{ from: "2036-01", to: "2036-01", sources: ["test-grid"], within: $area, fdr: false }`;
      const flagged = await suite.client.run<{ hotspots: { cells: Cell[] } }>(
        tx,
        `query ($area: GeoJSON) { hotspots(input: ${input}) { cells { id confidence } } }`,
        { area },
      );
      const scored = await suite.client.run<{ hotspotAccuracy: Record<string, number> }>(
        tx,
        `query ($area: GeoJSON) { hotspotAccuracy(input: ${input}, testFrom: "2036-02", testTo: "2036-02") { flaggedCells totalCells areaShare testIncidents capturedIncidents hitRate pai } }`,
        { area },
      );
      return { flagged: flagged.data?.hotspots.cells ?? [], scored: scored.data?.hotspotAccuracy };
    });
    const flags = outcome.flagged.map((c) => c.confidence >= 2);
    expect(flags.filter(Boolean).length).toBeGreaterThan(0);
    const captured = testCounts.reduce((s, n, k) => s + (flags[k] ? n : 0), 0);
    const total = testCounts.reduce((a, b) => a + b);
    const share = flags.filter(Boolean).length / 12;
    expect(outcome.scored).toEqual({
      flaggedCells: flags.filter(Boolean).length,
      totalCells: 12,
      areaShare: share,
      testIncidents: total,
      capturedIncidents: captured,
      hitRate: captured / total,
      pai: captured / total / share,
    });
  });
});

describe('clusters', () => {
  it('has the same membership as PostGIS ST_ClusterDBSCAN on the same points', async () => {
    const result = await suite.client.run<{
      clusters: { id: number; count: number; boundaries: { level: string; share: number; count: number }[] }[];
    }>(
      suite.db,
      '{ clusters(input: { from: "2018-12", to: "2018-12", sources: ["police.uk"], epsMetres: 100, minPoints: 15 }) { id count boundaries { level share count } } }',
    );
    expect(result.errors).toBeUndefined();
    const ours = result.data?.clusters ?? [];
    const reference = await suite.db.query<{ cid: number; n: number }>(
      `SELECT cid, count(*)::int AS n FROM (
         SELECT ST_ClusterDBSCAN(geom_bng, 100, 15) OVER (ORDER BY id) AS cid FROM incident
         WHERE source = 'police.uk' AND month = '2018-12-01') c
       WHERE cid IS NOT NULL GROUP BY cid`,
    );
    expect(ours.map((c) => c.count).sort((a, b) => a - b)).toEqual(reference.map((r) => r.n).sort((a, b) => a - b));
    expect(ours.length).toBeGreaterThan(0);
    for (const cluster of ours) {
      for (const level of ['WARD', 'AREA']) {
        const mine = cluster.boundaries.filter((b) => b.level === level);
        expect(mine.reduce((s, b) => s + b.count, 0)).toBe(cluster.count);
        expect(Math.abs(mine.reduce((s, b) => s + b.share, 0) - 1)).toBeLessThan(1e-12);
      }
    }
  });

  it('refuses a radius or a minimum outside its limits', async () => {
    const result = await suite.client.run(
      suite.db,
      '{ clusters(input: { from: "2018-12", to: "2018-12", epsMetres: 0 }) { id } }',
    );
    expect(result.errors?.[0].message).toBe('epsMetres must be between 1 and 5000, got 0');
    const few = await suite.client.run(
      suite.db,
      '{ clusters(input: { from: "2018-12", to: "2018-12", minPoints: 1 }) { id } }',
    );
    expect(few.errors?.[0].message).toBe('minPoints must be a whole number from 2 to 10000, got 1');
  });
});

describe("on the generator's data", () => {
  const planted = JSON.parse(fs.readFileSync(path.join(GEODATA, 'synthetic-hotspots.json'), 'utf8'));
  let spots: { name: string; centre: [number, number]; wards: string[] }[];

  beforeAll(async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-hot-')), 'synthetic.csv');
    await writeSynthetic(
      { count: 20_000, seed: 'hotspots', months: 12, end: '2034-12', geodataDir: GEODATA },
      { out: file },
    );
    await importPoliceFiles(suite.dataSource, [file]);
    const shapes = JSON.parse(fs.readFileSync(`${file}.hotspots.geojson`, 'utf8'));
    spots = shapes.features.map((f: { properties: { name: string; wards: string[] } }) => ({
      name: f.properties.name,
      centre: turf.centroid(f as never).geometry.coordinates,
      wards: f.properties.wards,
    }));
  }, 120_000);

  const INPUT = 'from: "2034-01", to: "2034-12", sources: ["synthetic-police.uk"]';

  it('finds every planted spot under a hot cell significant at 95 % after FDR, and no hot spot in the uniform ward', async () => {
    const result = await suite.client.run<{ hotspots: { cells: Cell[] } }>(
      suite.db,
      `{ hotspots(input: { ${INPUT} }) { ${CELLS} } }`,
    );
    expect(result.errors).toBeUndefined();
    const cells = result.data?.hotspots.cells ?? [];
    for (const spot of spots) {
      const cell = cells.find((c) => turf.booleanPointInPolygon(spot.centre, c.geometry));
      expect({ spot: spot.name, hot: (cell?.confidence ?? 0) >= 2 }).toEqual({ spot: spot.name, hot: true });
    }
    const uniform = cells.filter((c) => c.wards.length === 1 && c.wards[0].code === planted.uniformWard.code);
    expect(uniform.length).toBeGreaterThan(10);
    expect(uniform.filter((c) => c.confidence >= 2)).toEqual([]);
  });

  it('lists the planted boundary spots in crossBoundaryIssues with both sides named', async () => {
    const wards = await suite.client.run<{
      crossBoundaryIssues: { kind: string; parties: { code: string; share: number }[]; lead: { code: string } }[];
    }>(
      suite.db,
      `{ crossBoundaryIssues(input: { ${INPUT} }, level: WARD) { kind parties { code share } lead { code } } }`,
    );
    expect(wards.errors).toBeUndefined();
    const issues = wards.data?.crossBoundaryIssues ?? [];
    for (const spot of spots.filter((s) => s.wards.length === 2)) {
      const found = issues.some((i) => spot.wards.every((w) => i.parties.some((p) => p.code === w)));
      expect({ spot: spot.name, found }).toEqual({ spot: spot.name, found: true });
    }
    issues.forEach((i) => expect(i.lead.code).toBe(i.parties[0].code));
    const hotOnly = await suite.client.run<{ crossBoundaryIssues: { kind: string }[] }>(
      suite.db,
      `{ crossBoundaryIssues(input: { ${INPUT} }, level: WARD, includeClusters: false) { kind } }`,
    );
    expect(hotOnly.data?.crossBoundaryIssues.every((i) => i.kind === 'HOTSPOT')).toBe(true);
    expect(hotOnly.data?.crossBoundaryIssues.length).toBe(issues.filter((i) => i.kind === 'HOTSPOT').length);
    const areas = await suite.client.run<{ crossBoundaryIssues: { parties: { code: string }[] }[] }>(
      suite.db,
      `{ crossBoundaryIssues(input: { ${INPUT} }, level: AREA) { parties { code } } }`,
    );
    expect(
      areas.data?.crossBoundaryIssues.some((i) => ['WEST', 'SOUTH'].every((a) => i.parties.some((p) => p.code === a))),
    ).toBe(true);
  });

  it('follows each hot spot month by month and classifies its trend', async () => {
    const result = await suite.client.run<{
      hotspotTrend: {
        total: number;
        months: { count: number }[];
        significantMonths: number;
        trend: string;
        mannKendallPValue: number;
        wardCodes: string[];
      }[];
    }>(
      suite.db,
      `{ hotspotTrend(input: { ${INPUT} }) { total months { count } significantMonths trend mannKendallPValue wardCodes } }`,
    );
    expect(result.errors).toBeUndefined();
    const trends = result.data?.hotspotTrend ?? [];
    expect(trends.length).toBeGreaterThan(0);
    for (const t of trends) {
      expect(t.months).toHaveLength(12);
      expect(t.months.reduce((s, m) => s + m.count, 0)).toBe(t.total);
      expect(t.significantMonths).toBeLessThanOrEqual(12);
      expect(['NEW', 'INTENSIFYING', 'PERSISTENT', 'DIMINISHING', 'SPORADIC']).toContain(t.trend);
    }
    // The planted spots burn all year with no trend, so the busiest hot spot is persistent.
    expect(trends[0].trend).toBe('PERSISTENT');
  });

  it('lists cells hot in most of the last months as persistent problems', async () => {
    const result = await suite.client.run<{
      persistentHotspots: { id: string; geometry: Polygon; significantMonths: number }[];
    }>(
      suite.db,
      `{ persistentHotspots(input: { ${INPUT} }, months: 12, minSignificantMonths: 9) { id geometry significantMonths } }`,
    );
    expect(result.errors).toBeUndefined();
    const cells = result.data?.persistentHotspots ?? [];
    expect(cells.every((c) => c.significantMonths >= 9)).toBe(true);
    const retail = spots.find((s) => s.name === 'City centre retail') as { centre: [number, number] };
    expect(cells.some((c) => turf.booleanPointInPolygon(retail.centre, c.geometry))).toBe(true);
    const refused = await suite.client.run(
      suite.db,
      `{ persistentHotspots(input: { ${INPUT} }, months: 3, minSignificantMonths: 4) { id } }`,
    );
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
  });

  it('splits hot spots between police neighbourhoods, each party counted as PostGIS counts the points in its cells', async () => {
    const result = await suite.client.run<{
      crossBoundaryIssues: {
        kind: string;
        geometry: MultiPolygon;
        incidents: number;
        parties: { level: string; code: string; count: number }[];
      }[];
    }>(
      suite.db,
      `{ crossBoundaryIssues(input: { ${INPUT} }, level: POLICE_NEIGHBOURHOOD, includeClusters: false) {
           kind geometry incidents parties { level code count } } }`,
    );
    expect(result.errors).toBeUndefined();
    const issues = result.data?.crossBoundaryIssues ?? [];
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(issue.parties.length).toBeGreaterThan(1);
      expect(issue.parties.every((p) => p.level === 'POLICE_NEIGHBOURHOOD')).toBe(true);
      // Independently: each 250 m cell of the hot spot found from its outline's centre, the
      // incidents of the filter in those cells, by the neighbourhood they were placed in.
      const counted = await suite.db.query<{ code: string; n: number }>(
        `WITH cells AS (
           SELECT floor(ST_X(c) / 250)::int AS i, floor(ST_Y(c) / 250)::int AS j
           FROM (SELECT ST_Centroid(ST_Transform((ST_Dump(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326))).geom, 27700)) AS c) x
         )
         SELECT pn.code, count(*)::int AS n
         FROM incident i
         JOIN police_neighbourhood pn ON pn.id = i.police_neighbourhood_id
         JOIN cells ON floor(ST_X(i.geom_bng) / 250) = cells.i AND floor(ST_Y(i.geom_bng) / 250) = cells.j
         WHERE i.source = 'synthetic-police.uk' AND i.month BETWEEN '2034-01-01' AND '2034-12-01'
         GROUP BY pn.code ORDER BY pn.code`,
        [JSON.stringify(issue.geometry)],
      );
      expect([...issue.parties].sort((a, b) => a.code.localeCompare(b.code)).map((p) => [p.code, p.count])).toEqual(
        counted.map((r) => [r.code, r.n]),
      );
    }
  });
});
