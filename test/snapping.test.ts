import type { Polygon } from 'geojson';

import type { Db } from '../src/db/db';
import { HotspotsService } from '../src/hotspots/hotspots.service';

import { inRolledBackTransaction } from './helpers/database';
import { errorCodes, graphqlSuite } from './helpers/graphql';

// The kept-analysis test commits its rows; they go however it ends.
const suite = graphqlSuite(async (db) => {
  await db.query(`DELETE FROM incident WHERE source = $1`, [SOURCE]);
});

// Synthetic test points far from Derby, in a month and source no other suite uses; every test
// rolls its rows back.
const X0 = 530_000;
const Y0 = 190_000;
const SOURCE = 'test-snapping';
const MONTH = '2062-03';

/** Puts `n` incidents of `source` at each point (EPSG:27700). */
async function plant(tx: Db, points: { x: number; y: number; n: number }[], source = SOURCE): Promise<void> {
  await tx.query(
    `INSERT INTO incident (source, source_key, category_slug, month, geom, geom_bng, ward_code, area_code)
     SELECT $4, $4 || '-' || c.k || '-' || r, 'drugs', '${MONTH}-01', ST_Transform(p, 4326), p, NULL, NULL
     FROM unnest($1::float8[], $2::float8[], $3::int[]) WITH ORDINALITY AS c(x, y, n, k),
          LATERAL (SELECT ST_SetSRID(ST_MakePoint(c.x, c.y), 27700) AS p) pt,
          generate_series(1, c.n) r`,
    [points.map((p) => p.x), points.map((p) => p.y), points.map((p) => p.n), source],
  );
}

/** A box in EPSG:27700 metres as a WGS 84 GeoJSON polygon. */
async function box(tx: Db, west: number, south: number, east: number, north: number): Promise<Polygon> {
  const [row] = await tx.query<{ g: Polygon }>(
    `SELECT ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 27700), 4326), 12)::json AS g`,
    [west, south, east, north],
  );
  return row.g;
}

/** The median of some numbers, by sorting. */
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Each point's distance to the nearest other, by comparing every pair. */
function nearestDistances(points: { x: number; y: number }[]): number[] {
  return points.map((p, i) =>
    Math.min(...points.filter((_, j) => j !== i).map((q) => Math.hypot(p.x - q.x, p.y - q.y))),
  );
}

// A 6 × 6 square lattice 200 m apart, with 1 to 4 incidents at each point.
const SPACING = 200;
const LATTICE = Array.from({ length: 36 }, (_, k) => ({
  x: X0 + (k % 6) * SPACING,
  y: Y0 + Math.floor(k / 6) * SPACING,
  n: 1 + ((k * 7) % 4),
}));
const AROUND = [X0 - 150, Y0 - 150, X0 + 5 * SPACING + 150, Y0 + 5 * SPACING + 150] as const;

interface Snapping {
  source: string;
  snapped: boolean;
  snappedRule: string;
  incidents: number;
  distinctPoints: number;
  meanPerPoint: number;
  medianPerPoint: number;
  maxPerPoint: number;
  spacingMetres: number | null;
}
const FIELDS =
  'source snapped snappedRule incidents distinctPoints meanPerPoint medianPerPoint maxPerPoint spacingMetres';

async function snapping(tx: Db, within: Polygon, sources: string[]) {
  return suite.client.run<{ dataQuality: { snapping: Snapping[] } }>(
    tx,
    `query ($within: GeoJSON, $sources: [String!]) {
       dataQuality(from: "${MONTH}", to: "${MONTH}") { snapping(input: { within: $within, sources: $sources }) { ${FIELDS} } }
     }`,
    { within, sources },
  );
}

describe('the snapping of each source in dataQuality', () => {
  it('gives the spacing of points snapped to a square lattice, and incidents per point', async () => {
    const result = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      await plant(tx, LATTICE);
      return snapping(tx, await box(tx, ...AROUND), [SOURCE]);
    });
    expect(result.errors).toBeUndefined();
    const [s] = result.data?.dataQuality.snapping ?? [];
    const counts = LATTICE.map((p) => p.n);
    const total = counts.reduce((a, b) => a + b, 0);
    expect(s.source).toBe(SOURCE);
    expect(s.incidents).toBe(total);
    expect(s.distinctPoints).toBe(LATTICE.length);
    expect(Math.abs(s.meanPerPoint - total / LATTICE.length)).toBeLessThan(1e-9);
    expect(s.medianPerPoint).toBe(median(counts));
    expect(s.maxPerPoint).toBe(Math.max(...counts));
    expect(Math.abs((s.spacingMetres as number) - SPACING)).toBeLessThan(1e-9);
    // Not a source the hub knows, so judged by its points: shared, so snapped.
    expect(s.snapped).toBe(true);
    expect(s.snappedRule).toContain(`${total} at ${LATTICE.length}`);
  });

  it('measures isolated points against every other, so the spacing is the nearest distance by brute force', async () => {
    // A tight clump (which makes the search squares small) and points 2.5 km apart along a line,
    // each beyond its own squares' reach of any other: the median is theirs.
    const clump = Array.from({ length: 12 }, (_, k) => ({ x: X0 + (k % 4) * 7, y: Y0 + Math.floor(k / 4) * 9, n: 1 }));
    const line = Array.from({ length: 13 }, (_, k) => ({ x: X0 + 2600 + k * 2500, y: Y0 + 50 + (k % 3) * 40, n: 1 }));
    const points = [...clump, ...line];
    const result = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      await plant(tx, points);
      return snapping(tx, await box(tx, X0 - 100, Y0 - 100, X0 + 33_000, Y0 + 200), [SOURCE]);
    });
    expect(result.errors).toBeUndefined();
    const [s] = result.data?.dataQuality.snapping ?? [];
    const expected = median(nearestDistances(points));
    expect(expected).toBeGreaterThan(2400);
    expect(Math.abs((s.spacingMetres as number) - expected)).toBeLessThan(1e-9);
    // One incident per point: not snapped by the rule for unknown sources.
    expect(s.snapped).toBe(false);
  });

  it('refuses a source the hub neither holds nor knows, naming the ones it takes', async () => {
    const result = await inRolledBackTransaction(suite.dataSource, async (tx) =>
      snapping(tx, await box(tx, ...AROUND), ['no-such-source']),
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].message).toContain('"no-such-source"');
    expect(result.errors?.[0].message).toContain('police.uk');
  });
});

describe('warnings for lengths below the spacing of snapped points', () => {
  async function warnings(kind: 'hotspots' | 'clusters', size: number): Promise<string[]> {
    const result = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      await plant(tx, LATTICE);
      const within = await box(tx, ...AROUND);
      const input = `from: "${MONTH}", to: "${MONTH}", sources: ["${SOURCE}"], within: $within`;
      return kind === 'hotspots'
        ? suite.client.run<{ hotspots: { warnings: string[] } }>(
            tx,
            `query ($within: GeoJSON) { hotspots(input: { ${input}, cellSizeMetres: ${size} }) { warnings } }`,
            { within },
          )
        : suite.client.run<{ clusterAnalysis: { warnings: string[] } }>(
            tx,
            `query ($within: GeoJSON) { clusterAnalysis(input: { ${input}, epsMetres: ${size}, minPoints: 3 }) { warnings clusters { count } } }`,
            { within },
          );
    });
    expect(result.errors).toBeUndefined();
    const data = result.data as { hotspots?: { warnings: string[] }; clusterAnalysis?: { warnings: string[] } };
    return (data.hotspots ?? data.clusterAnalysis)?.warnings ?? [];
  }
  const about = (w: string[]) => w.filter((x) => x.includes(`typical spacing of ${SOURCE}`));

  it('warns of hot-spot cells smaller than the spacing, naming it and a size, and not of larger cells', async () => {
    const below = about(await warnings('hotspots', 150));
    expect(below).toHaveLength(1);
    expect(below[0]).toContain(`a cell size of 150 m is below the ${SPACING} m typical spacing`);
    expect(below[0]).toContain(`cellSizeMetres of at least ${SPACING}`);
    // 225 m: above the spacing, and below SNAPPING_CHECKED_BELOW_METRES, so measured and not warned of.
    expect(about(await warnings('hotspots', 225))).toEqual([]);
  });

  it('warns of a DBSCAN radius below the spacing, and not of a larger one', async () => {
    const below = about(await warnings('clusters', 150));
    expect(below).toHaveLength(1);
    expect(below[0]).toContain(`a DBSCAN radius of 150 m is below the ${SPACING} m typical spacing`);
    expect(below[0]).toContain(`epsMetres of at least ${SPACING}`);
    expect(about(await warnings('clusters', 250))).toEqual([]);
  });
});

describe('a kept hot-spot analysis', () => {
  it('carries the warning when it is served from memory without measuring again', async () => {
    // Committed (an analysis is kept only from a transaction that has not written), then removed.
    await plant(suite.db, LATTICE);
    const measure = jest.spyOn(HotspotsService.prototype, 'snapping');
    try {
      const within = await box(suite.db, ...AROUND);
      const ask = () =>
        suite.client.run<{ hotspots: { warnings: string[] } }>(
          suite.db,
          `query ($within: GeoJSON) { hotspots(input: { from: "${MONTH}", to: "${MONTH}", sources: ["${SOURCE}"], within: $within, cellSizeMetres: 150 }) { warnings } }`,
          { within },
        );
      const first = await ask();
      expect(measure).toHaveBeenCalledTimes(1);
      const again = await ask();
      expect(measure).toHaveBeenCalledTimes(1);
      const about = (w: string[] | undefined) => (w ?? []).filter((x) => x.includes(`typical spacing of ${SOURCE}`));
      expect(about(first.data?.hotspots.warnings)).toHaveLength(1);
      expect(about(again.data?.hotspots.warnings)).toEqual(about(first.data?.hotspots.warnings));
    } finally {
      measure.mockRestore();
      await suite.db.query(`DELETE FROM incident WHERE source = $1`, [SOURCE]);
    }
  });
});
