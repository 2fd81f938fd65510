import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';

import type { Db } from '../src/db/db';
import { monthsOf } from '../src/incidents/period';
import { writeSynthetic } from '../src/ingest/generator/generate';
import { importPoliceFiles } from '../src/ingest/police/import-police';

import { inRolledBackTransaction } from './helpers/database';
import { GEODATA, geojson } from './helpers/geodata-files';
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

// Each shipped ward set, from the files the hub loads: its wards' codes, and its outlines.
const WARDS_2013 = geojson('derby-wards-2013.geojson');
const WARDS_2023 = geojson('derby-wards-2023.geojson');
const SETS: Record<string, { codes: Set<string>; placement: string }> = {
  'ons-wards-2013': {
    codes: new Set(WARDS_2013.features.map((f) => f.properties?.WD13CD as string)),
    placement: 'month_ward_code',
  },
  'ons-wards-2023': {
    codes: new Set(WARDS_2023.features.map((f) => f.properties?.WD23CD as string)),
    placement: 'ward_code',
  },
};
const OAKWOOD_2013 = WARDS_2013.features.find((f) => f.properties?.WD13NM === 'Oakwood')?.properties?.WD13CD as string;

/**
 * Independently of the hub: the incidents of a filter in the cells of a hot spot (each 250 m
 * square found from its outline's centre), by a unit column of incident, as [unit, count] pairs.
 * @param column ward_code or month_ward_code (the ward in the current set, or in its month's), or
 *   the police neighbourhood code
 */
async function countedByHand(
  db: Db,
  geometry: MultiPolygon,
  column: 'ward_code' | 'month_ward_code' | 'pn.code',
  where: string,
): Promise<[string, number][]> {
  const unit = column === 'pn.code' ? 'pn.code' : `i.${column}`;
  const rows = await db.query<{ code: string; n: number }>(
    `WITH cells AS (
       SELECT floor(ST_X(c) / 250)::int AS i, floor(ST_Y(c) / 250)::int AS j
       FROM (SELECT ST_Centroid(ST_Transform((ST_Dump(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326))).geom, 27700)) AS c) x
     )
     SELECT ${unit} AS code, count(*)::int AS n
     FROM incident i
     LEFT JOIN police_neighbourhood pn ON pn.id = i.police_neighbourhood_id
     JOIN cells ON floor(ST_X(i.geom_bng) / 250) = cells.i AND floor(ST_Y(i.geom_bng) / 250) = cells.j
     WHERE ${where} AND ${unit} IS NOT NULL
     GROUP BY 1 ORDER BY 1`,
    [JSON.stringify(geometry)],
  );
  return rows.map((r) => [r.code, r.n]);
}

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

  it.each([
    ['the current set by default', '', 'ons-wards-2023'],
    ['the 2013 set when asked', ', boundarySet: "ons-wards-2013"', 'ons-wards-2013'],
  ])(
    'covers the city with cells named by the wards of %s, zero cells included, and counts every December 2018 incident once',
    async (_, args, set) => {
      const result = await suite.client.run<{
        hotspots: { parameters: { extent: string; cellSizeMetres: number; boundarySet: string }; cells: Cell[] };
      }>(
        suite.db,
        `{ hotspots(input: { from: "2018-12", to: "2018-12", sources: ["police.uk"]${args} }) { parameters { extent cellSizeMetres boundarySet } cells { count confidence wards { code } } } }`,
      );
      expect(result.errors).toBeUndefined();
      const cells = result.data?.hotspots.cells ?? [];
      expect(result.data?.hotspots.parameters).toEqual({ extent: 'whole city', cellSizeMetres: 250, boundarySet: set });
      expect(cells.reduce((s, c) => s + c.count, 0)).toBe(2710);
      expect(cells.some((c) => c.count === 0)).toBe(true);
      expect(cells.some((c) => c.confidence === 3)).toBe(true);
      expect(cells.every((c) => c.wards.length >= 1)).toBe(true);
      // Each cell is named by the wards of the set asked for, never by another set's.
      expect(cells.every((c) => c.wards.every((w) => SETS[set].codes.has(w.code)))).toBe(true);
    },
  );

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
  it.each([
    ['the current set by default', '', 'ons-wards-2023'],
    ['the 2013 set when asked', ', boundarySet: "ons-wards-2013"', 'ons-wards-2013'],
  ])(
    'has the same membership as PostGIS ST_ClusterDBSCAN on the same points, split between the wards of %s',
    async (_, args, set) => {
      const result = await suite.client.run<{
        clusters: {
          id: number;
          count: number;
          boundarySet: string;
          boundaries: { level: string; code: string; share: number; count: number }[];
        }[];
      }>(
        suite.db,
        `{ clusters(input: { from: "2018-12", to: "2018-12", sources: ["police.uk"], epsMetres: 100, minPoints: 15${args} }) { id count boundarySet boundaries { level code share count } } }`,
      );
      expect(result.errors).toBeUndefined();
      const ours = result.data?.clusters ?? [];
      const reference = await suite.db.query<{ cid: number; n: number; wards: Record<string, number> }>(
        `SELECT cid, sum(k)::int AS n, json_object_agg(ward, k) AS wards FROM (
           SELECT cid, ward, count(*)::int AS k FROM (
             SELECT ST_ClusterDBSCAN(geom_bng, 100, 15) OVER (ORDER BY id) AS cid, ${SETS[set].placement} AS ward FROM incident
             WHERE source = 'police.uk' AND month = '2018-12-01') c
           WHERE cid IS NOT NULL GROUP BY cid, ward) d
         GROUP BY cid`,
      );
      expect(ours.map((c) => c.count).sort((a, b) => a - b)).toEqual(reference.map((r) => r.n).sort((a, b) => a - b));
      expect(ours.length).toBeGreaterThan(0);
      // The same clusters split between the same wards, PostGIS's placement on the set read directly.
      const split = (wards: [string, number][]) =>
        JSON.stringify(wards.sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]));
      expect(
        ours
          .map((c) =>
            split(c.boundaries.filter((b) => b.level === 'WARD').map((b) => [b.code, b.count] as [string, number])),
          )
          .sort(),
      ).toEqual(reference.map((r) => split(Object.entries(r.wards))).sort());
      for (const cluster of ours) {
        expect(cluster.boundarySet).toBe(set);
        for (const level of ['WARD', 'AREA']) {
          const mine = cluster.boundaries.filter((b) => b.level === level);
          expect(mine.reduce((s, b) => s + b.count, 0)).toBe(cluster.count);
          expect(Math.abs(mine.reduce((s, b) => s + b.share, 0) - 1)).toBeLessThan(1e-12);
        }
        expect(cluster.boundaries.filter((b) => b.level === 'WARD').every((b) => SETS[set].codes.has(b.code))).toBe(
          true,
        );
      }
    },
  );

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

describe('analyses on a boundary set', () => {
  const DECEMBER = 'from: "2018-12", to: "2018-12", sources: ["police.uk"]';
  const SET_IDS = Object.keys(SETS);

  it.each(SET_IDS)(
    'lays the cells of an area of %s over that set’s own wards, in hotspots and hotspotAccuracy alike',
    async (set) => {
      const input = `{ ${DECEMBER}, areaCodes: ["NORTH"], boundarySet: "${set}" }`;
      const result = await suite.client.run<{
        hotspots: {
          parameters: { extent: string; boundarySet: string };
          cells: { wards: { code: string }[]; areas: { code: string; boundarySet: { id: string } }[] }[];
        };
        hotspotAccuracy: { totalCells: number; boundarySet: string };
      }>(
        suite.db,
        `{ hotspots(input: ${input}) { parameters { extent boundarySet } cells { wards { code } areas { code boundarySet { id } } } }
         hotspotAccuracy(input: ${input}, testFrom: "2018-12", testTo: "2018-12") { totalCells boundarySet } }`,
      );
      expect(result.errors).toBeUndefined();
      const { parameters, cells } = result.data?.hotspots ?? { parameters: null, cells: [] };
      expect(parameters).toEqual({ extent: 'areas NORTH', boundarySet: set });
      // The set's North, as the hub groups that set's wards.
      const north = new Set(
        (
          await suite.db.query<{ code: string }>(
            `SELECT code FROM ward WHERE boundary_set_id = $1 AND area_code = 'NORTH'`,
            [set],
          )
        ).map((r) => r.code),
      );
      expect(north.size).toBeGreaterThan(0);
      expect(cells.length).toBeGreaterThan(0);
      for (const cell of cells) {
        expect(cell.wards.some((w) => north.has(w.code))).toBe(true);
        expect(cell.wards.every((w) => SETS[set].codes.has(w.code))).toBe(true);
        expect(cell.areas.map((a) => a.code)).toContain('NORTH');
        expect(cell.areas.every((a) => a.boundarySet.id === set)).toBe(true);
      }
      expect(result.data?.hotspotAccuracy).toEqual({ totalCells: cells.length, boundarySet: set });
    },
  );

  it('refuses a ward of another set where the analysis needs one of its own, naming both sets', async () => {
    const ask = (args: string) =>
      suite.client.run<{ hotspots: { parameters: { extent: string }; cells: { wards: { code: string }[] }[] } }>(
        suite.db,
        `{ hotspots(input: { ${DECEMBER}, wardCodes: ["${OAKWOOD_2013}"]${args} }) { parameters { extent } cells { wards { code } } } }`,
      );
    const wrong = await ask('');
    expect(errorCodes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(wrong.errors?.[0].message).toBe(
      `ward ${OAKWOOD_2013} (Oakwood) belongs to ons-wards-2013, not to ons-wards-2023, the boundary set asked for; name wards of ons-wards-2023, or ask for boundarySet "ons-wards-2013"`,
    );
    const right = await ask(', boundarySet: "ons-wards-2013"');
    expect(right.errors).toBeUndefined();
    expect(right.data?.hotspots.parameters.extent).toBe(`wards ${OAKWOOD_2013}`);
    expect(right.data?.hotspots.cells.every((c) => c.wards.some((w) => w.code === OAKWOOD_2013))).toBe(true);
  });

  it('refuses, in every analysis, a boundary set the hub does not hold, naming those it holds', async () => {
    const input = `{ ${DECEMBER}, boundarySet: "ons-wards-1999" }`;
    for (const query of [
      `{ hotspots(input: ${input}) { warnings } }`,
      `{ clusters(input: ${input}) { id } }`,
      `{ crossBoundaryIssues(input: ${input}, level: WARD) { kind } }`,
      `{ hotspotTrend(input: ${input}) { trend } }`,
      `{ persistentHotspots(input: ${input}, months: 1, minSignificantMonths: 1) { id } }`,
      `{ hotspotAccuracy(input: ${input}, testFrom: "2018-12", testTo: "2018-12") { pai } }`,
    ]) {
      const result = await suite.client.run(suite.db, query);
      expect({ query, codes: errorCodes(result) }).toEqual({ query, codes: ['NOT_FOUND'] });
      expect(result.errors?.[0].message).toMatch(
        /^no ward boundary set "ons-wards-1999"; the hub holds ons-wards-2013 \(2009-01-01 to 2023-05-03\), ons-wards-2023 \(2023-05-04 to today\)$/,
      );
    }
  });

  it('counts on an earlier set only the months it was in force, says which it left out, and refuses a period it never held', async () => {
    const sets = await suite.client.run<{ boundarySets: { id: string; validFrom: string; validTo: string | null }[] }>(
      suite.db,
      '{ boundarySets { id validFrom validTo } }',
    );
    const older = sets.data?.boundarySets.find((b) => b.id === 'ons-wards-2013') as {
      validFrom: string;
      validTo: string;
    };
    // A month is on the set when it ends inside the set's validity (its incidents are placed on its last day).
    const lastDay = (m: string) =>
      new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10);
    const months = monthsOf({ from: '2018-12', to: '2023-12' });
    const left = months.filter((m) => lastDay(m) > older.validTo);
    const held = months.filter((m) => !left.includes(m));
    const result = await suite.client.run<{ hotspots: { warnings: string[]; cells: { count: number }[] } }>(
      suite.db,
      '{ hotspots(input: { from: "2018-12", to: "2023-12", sources: ["police.uk"], cellSizeMetres: 1000, boundarySet: "ons-wards-2013" }) { warnings cells { count } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.hotspots.warnings).toContain(
      `incidents of ${left[0]} to ${left[left.length - 1]} are not counted: ons-wards-2013 was in force from ${older.validFrom} to ${older.validTo} only`,
    );
    const [{ n }] = await suite.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM incident WHERE source = 'police.uk' AND month BETWEEN '2018-12-01' AND $1::date`,
      [`${held[held.length - 1]}-01`],
    );
    expect(result.data?.hotspots.cells.reduce((s, c) => s + c.count, 0)).toBe(n);
    const never = await suite.client.run(
      suite.db,
      '{ hotspots(input: { from: "2034-01", to: "2034-12", boundarySet: "ons-wards-2013" }) { warnings } }',
    );
    expect(errorCodes(never)).toEqual(['BAD_USER_INPUT']);
    expect(never.errors?.[0].message).toMatch(/^no month of 2034-01 to 2034-12 is on ons-wards-2013, in force from/);
  });

  it.each(SET_IDS)(
    'names cross-boundary hot spots by the wards of %s, each party counted as PostGIS counts the points in its cells',
    async (set) => {
      const result = await suite.client.run<{
        crossBoundaryIssues: {
          boundarySet: string;
          geometry: MultiPolygon;
          parties: { code: string; count: number }[];
        }[];
      }>(
        suite.db,
        `{ crossBoundaryIssues(input: { ${DECEMBER}, boundarySet: "${set}" }, level: WARD, includeClusters: false) {
             boundarySet geometry parties { code count } } }`,
      );
      expect(result.errors).toBeUndefined();
      const issues = result.data?.crossBoundaryIssues ?? [];
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) {
        expect(issue.boundarySet).toBe(set);
        expect(issue.parties.length).toBeGreaterThan(1);
        expect(issue.parties.every((p) => SETS[set].codes.has(p.code))).toBe(true);
        const byHand = await countedByHand(
          suite.db,
          issue.geometry,
          SETS[set].placement as 'ward_code' | 'month_ward_code',
          `i.source = 'police.uk' AND i.month = '2018-12-01'`,
        );
        expect([...issue.parties].sort((a, b) => a.code.localeCompare(b.code)).map((p) => [p.code, p.count])).toEqual(
          byHand,
        );
      }
    },
  );

  it.each(SET_IDS)('follows hot spots and persistent cells month by month on the wards of %s', async (set) => {
    const input = `{ ${DECEMBER}, boundarySet: "${set}" }`;
    const result = await suite.client.run<{
      hotspotTrend: { boundarySet: string; wardCodes: string[]; months: { month: string }[] }[];
      persistentHotspots: { boundarySet: string; wardCodes: string[]; areaCodes: string[] }[];
    }>(
      suite.db,
      `{ hotspotTrend(input: ${input}) { boundarySet wardCodes months { month } }
         persistentHotspots(input: ${input}, months: 1, minSignificantMonths: 1) { boundarySet wardCodes areaCodes } }`,
    );
    expect(result.errors).toBeUndefined();
    const trends = result.data?.hotspotTrend ?? [];
    const persistent = result.data?.persistentHotspots ?? [];
    expect(trends.length).toBeGreaterThan(0);
    expect(persistent.length).toBeGreaterThan(0);
    for (const t of [...trends, ...persistent]) {
      expect(t.boundarySet).toBe(set);
      expect(t.wardCodes.length).toBeGreaterThan(0);
      expect(t.wardCodes.every((w) => SETS[set].codes.has(w))).toBe(true);
    }
    trends.forEach((t) => expect(t.months).toEqual([{ month: '2018-12' }]));
  });
});

describe("on the generator's data", () => {
  const planted = JSON.parse(fs.readFileSync(path.join(GEODATA, 'synthetic-hotspots.json'), 'utf8'));
  // The generator plants on the 2013 wards; its incidents (2034) lie on the current, 2023 set.
  let spots: { name: string; centre: [number, number]; radiusKm: number; wards: string[] }[];

  /**
   * The 2023 wards a planted spot's core (within half its radius, where its points are densest)
   * falls in, each holding at least a fifth of it: the sides a hot spot there has on the current
   * set, found from the shipped outlines by sampling points 20 m apart.
   */
  function sidesIn2023(spot: { centre: [number, number]; radiusKm: number }): string[] {
    const core = turf.circle(spot.centre, spot.radiusKm / 2, { steps: 64 });
    const points = turf.pointGrid(turf.bbox(core), 0.02, { mask: core }).features;
    const tally = new Map<string, number>();
    for (const p of points) {
      const ward = WARDS_2023.features.find((w) => turf.booleanPointInPolygon(p, w));
      if (ward) {
        tally.set(ward.properties?.WD23CD, (tally.get(ward.properties?.WD23CD) ?? 0) + 1);
      }
    }
    return [...tally].filter(([, n]) => n >= points.length / 5).map(([code]) => code);
  }

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
      radiusKm: planted.spots.find((p: { name: string }) => p.name === f.properties.name).radiusMetres / 1000,
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
    // Cells wholly in the 2023 ward of the uniform ward's name whose centre lies in the 2013 ward
    // the generator seeded uniformly.
    const seeded = WARDS_2013.features.find((w) => w.properties?.WD13CD === planted.uniformWard.code);
    const namesake = WARDS_2023.features.find((w) => w.properties?.WD23NM === planted.uniformWard.name);
    const uniform = cells.filter(
      (c) =>
        c.wards.length === 1 &&
        c.wards[0].code === namesake?.properties?.WD23CD &&
        turf.booleanPointInPolygon(turf.centroid(c.geometry), seeded as never),
    );
    expect(uniform.length).toBeGreaterThan(10);
    expect(uniform.filter((c) => c.confidence >= 2)).toEqual([]);
  });

  it('lists the planted spots on a boundary of the current wards in crossBoundaryIssues with every side named', async () => {
    const wards = await suite.client.run<{
      crossBoundaryIssues: {
        kind: string;
        boundarySet: string;
        parties: { code: string; share: number }[];
        lead: { code: string };
      }[];
    }>(
      suite.db,
      `{ crossBoundaryIssues(input: { ${INPUT} }, level: WARD) { kind boundarySet parties { code share } lead { code } } }`,
    );
    expect(wards.errors).toBeUndefined();
    const issues = wards.data?.crossBoundaryIssues ?? [];
    const onBoundary = spots.map((spot) => ({ spot, sides: sidesIn2023(spot) })).filter((s) => s.sides.length > 1);
    // The spots the generator put on a 2013 boundary still straddle one in 2023.
    expect(onBoundary.length).toBeGreaterThanOrEqual(spots.filter((s) => s.wards.length === 2).length);
    for (const { spot, sides } of onBoundary) {
      const found = issues.some((i) => sides.every((w) => i.parties.some((p) => p.code === w)));
      expect({ spot: spot.name, sides, found }).toEqual({ spot: spot.name, sides, found: true });
    }
    issues.forEach((i) => expect(i.lead.code).toBe(i.parties[0].code));
    expect(issues.every((i) => i.boundarySet === 'ons-wards-2023')).toBe(true);
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
    // A spot whose sides lie in different areas of the current set is an issue between them.
    const areaOf = new Map(
      (
        await suite.db.query<{ code: string; area: string }>(
          `SELECT code, area_code AS area FROM ward WHERE boundary_set_id = 'ons-wards-2023'`,
        )
      ).map((r) => [r.code, r.area]),
    );
    const betweenAreas = onBoundary
      .map(({ spot, sides }) => ({ spot, areas: [...new Set(sides.map((w) => areaOf.get(w) as string))] }))
      .filter((s) => s.areas.length > 1);
    expect(betweenAreas.length).toBeGreaterThan(0);
    for (const { spot, areas: sides } of betweenAreas) {
      const found = areas.data?.crossBoundaryIssues.some((i) =>
        sides.every((a) => i.parties.some((p) => p.code === a)),
      );
      expect({ spot: spot.name, sides, found }).toEqual({ spot: spot.name, sides, found: true });
    }
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
        boundarySet: string;
      }[];
    }>(
      suite.db,
      `{ hotspotTrend(input: { ${INPUT} }) { total months { count } significantMonths trend mannKendallPValue wardCodes boundarySet } }`,
    );
    expect(result.errors).toBeUndefined();
    const trends = result.data?.hotspotTrend ?? [];
    expect(trends.length).toBeGreaterThan(0);
    for (const t of trends) {
      expect(t.months).toHaveLength(12);
      expect(t.months.reduce((s, m) => s + m.count, 0)).toBe(t.total);
      expect(t.significantMonths).toBeLessThanOrEqual(12);
      expect(['NEW', 'INTENSIFYING', 'PERSISTENT', 'DIMINISHING', 'SPORADIC']).toContain(t.trend);
      expect(t.boundarySet).toBe('ons-wards-2023');
      expect(t.wardCodes.every((w) => SETS['ons-wards-2023'].codes.has(w))).toBe(true);
    }
    // The planted spots burn all year with no trend, so the busiest hot spot is persistent.
    expect(trends[0].trend).toBe('PERSISTENT');
  });

  it('lists cells hot in most of the last months as persistent problems', async () => {
    const result = await suite.client.run<{
      persistentHotspots: { id: string; geometry: Polygon; significantMonths: number; boundarySet: string }[];
    }>(
      suite.db,
      `{ persistentHotspots(input: { ${INPUT} }, months: 12, minSignificantMonths: 9) { id geometry significantMonths boundarySet } }`,
    );
    expect(result.errors).toBeUndefined();
    const cells = result.data?.persistentHotspots ?? [];
    expect(cells.every((c) => c.significantMonths >= 9 && c.boundarySet === 'ons-wards-2023')).toBe(true);
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
      // Independently: the incidents of the filter in the hot spot's cells, by the neighbourhood
      // they were placed in.
      const counted = await countedByHand(
        suite.db,
        issue.geometry,
        'pn.code',
        `i.source = 'synthetic-police.uk' AND i.month BETWEEN '2034-01-01' AND '2034-12-01'`,
      );
      expect([...issue.parties].sort((a, b) => a.code.localeCompare(b.code)).map((p) => [p.code, p.count])).toEqual(
        counted,
      );
    }
  });
});
