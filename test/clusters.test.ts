import type { Polygon } from 'geojson';

import type { Db } from '../src/db/db';
import { densityThreshold, poissonUpperTail } from '../src/hotspots/density';
import { type AnalysisScope, type ClusterRow, HotspotsService } from '../src/hotspots/hotspots.service';
import { clusterKey, placeKey } from '../src/hotspots/keys';

import { clustersBefore } from './helpers/clusters-before';
import { inRolledBackTransaction } from './helpers/database';
import { graphqlSuite } from './helpers/graphql';

const suite = graphqlSuite();

// Far from Derby, in a month and source no other suite uses; every test rolls its rows back.
const X0 = 520_000;
const Y0 = 180_000;
const SOURCE = 'test-clusters';
const MONTH = '2037-03';

/** Puts one incident at each point (EPSG:27700), ids in the order given. */
async function plant(tx: Db, points: [number, number][]): Promise<void> {
  await tx.query(
    `INSERT INTO incident (source, source_key, category_slug, month, geom, geom_bng, ward_code, area_code)
     SELECT $3, 'cl-' || c.k, 'drugs', '${MONTH}-01', ST_Transform(p, 4326), p, NULL, NULL
     FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS c(x, y, k),
          LATERAL (SELECT ST_SetSRID(ST_MakePoint(c.x, c.y), 27700) AS p) pt
     ORDER BY c.k`,
    [points.map((p) => p[0]), points.map((p) => p[1]), SOURCE],
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

/** A seeded generator (mulberry32), so the backgrounds are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Clusters as sets of incident ids, in a form two runs can be compared by. */
function partition(rows: { cid: number; id: string }[]): string[] {
  const byCluster = new Map<number, string[]>();
  for (const r of rows) {
    byCluster.set(r.cid, [...(byCluster.get(r.cid) ?? []), String(r.id)]);
  }
  return [...byCluster.values()].map((ids) => ids.sort((a, b) => Number(a) - Number(b)).join(',')).sort();
}

describe('the density threshold chosen from the data', () => {
  it('is the smallest count whose Poisson tail, over all the incidents, is under 0.1 %', () => {
    // Mean 2 within eps, one incident: P(X >= 8) = 0.0010967 is not under 0.001, P(X >= 9) =
    // 0.0002374 is, so 9 others and the point itself: 10.
    expect(Math.abs(poissonUpperTail(2, 8) - 0.0010967189678585676)).toBeLessThan(1e-15);
    expect(Math.abs(poissonUpperTail(2, 9) - 0.0002374473282610312)).toBeLessThan(1e-15);
    expect(densityThreshold(1, (Math.PI * 100 * 100) / 2, 100).minPoints).toBe(10);
    // With 1,000 incidents at the same mean the bound is 1e-6 per point: P(X >= 12) = 1.36e-6 is
    // not under it, P(X >= 13) = 2.07e-7 is, so 14.
    const byHand = (k: number) => {
      let lower = 0;
      let term = Math.exp(-2);
      for (let j = 0; j < k; j += 1) {
        lower += term;
        term *= 2 / (j + 1);
      }
      return 1 - lower;
    };
    const m = densityThreshold(1000, (1000 * Math.PI * 100 * 100) / 2, 100).minPoints;
    expect(1000 * byHand(m - 1)).toBeLessThan(0.001);
    expect(1000 * byHand(m - 2)).toBeGreaterThanOrEqual(0.001);
    expect(m).toBe(14);
  });
});

describe('clusters with minPoints chosen from the data', () => {
  // 2 km square with 2,000 incidents spread evenly at random: about 15.7 others within 100 m.
  const SIDE = 2000;
  const uniform = (): [number, number][] => {
    const random = seeded(14);
    return Array.from({ length: 2000 }, () => [X0 + random() * SIDE, Y0 + random() * SIDE] as [number, number]);
  };
  const CENTRES: [number, number][] = [
    [X0 + 400, Y0 + 500],
    [X0 + 1500, Y0 + 600],
    [X0 + 1000, Y0 + 1600],
  ];
  const blobs = (): [number, number][] => {
    const random = seeded(5);
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return CENTRES.flatMap(([x, y]) =>
      Array.from({ length: 60 }, () => [x + 20 * normal(), y + 20 * normal()] as [number, number]),
    );
  };
  const FIELDS = 'id count centroid minPoints minPointsRule extentShare coversMostOfExtent';
  interface Found {
    id: number;
    count: number;
    centroid: { coordinates: [number, number] };
    minPoints: number;
    minPointsRule: string;
    extentShare: number;
    coversMostOfExtent: boolean;
  }

  async function run(points: [number, number][], minPoints: string): Promise<{ found: Found[]; at: number[][] }> {
    return inRolledBackTransaction(suite.dataSource, async (tx) => {
      await plant(tx, points);
      const within = await box(tx, X0, Y0, X0 + SIDE, Y0 + SIDE);
      const result = await suite.client.run<{ clusters: Found[] }>(
        tx,
        `query ($within: GeoJSON) { clusters(input: { from: "${MONTH}", to: "${MONTH}", sources: ["${SOURCE}"], within: $within, epsMetres: 100${minPoints} }) { ${FIELDS} } }`,
        { within },
      );
      expect(result.errors).toBeUndefined();
      const found = result.data?.clusters ?? [];
      // Centroids back in British National Grid metres.
      const at = await Promise.all(
        found.map(async (c) => {
          const [row] = await tx.query<{ x: number; y: number }>(
            `SELECT ST_X(p) AS x, ST_Y(p) AS y FROM ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 27700) p`,
            c.centroid.coordinates,
          );
          return [row.x, row.y];
        }),
      );
      return { found, at };
    });
  }

  it('finds no cluster in a uniform background, where minPoints 10 makes one of the whole extent, flagged', async () => {
    const chosen = await run(uniform(), '');
    expect(chosen.found).toEqual([]);
    const given = await run(uniform(), ', minPoints: 10');
    expect(given.found.length).toBeGreaterThan(0);
    expect(given.found[0].count).toBeGreaterThan(1900);
    expect(given.found[0].coversMostOfExtent).toBe(true);
    expect(given.found[0].extentShare).toBeGreaterThan(0.9);
    expect(given.found[0].minPoints).toBe(10);
    expect(given.found[0].minPointsRule).toBe('given by the caller');
  });

  it('finds each planted cluster in the background, and states the threshold, which is the Poisson rule by hand', async () => {
    const points = [...uniform(), ...blobs()];
    const { found, at } = await run(points, '');
    expect(found).toHaveLength(CENTRES.length);
    for (const [x, y] of CENTRES) {
      const k = at.findIndex(([cx, cy]) => Math.hypot(cx - x, cy - y) < 30);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(found[k].count).toBeGreaterThanOrEqual(55);
      expect(found[k].coversMostOfExtent).toBe(false);
    }
    // By hand: 2,180 incidents over 4 km², the mean within 100 m, and the smallest m whose
    // upper tail P(X >= m - 1), times 2,180, is under 0.001.
    const n = points.length;
    const mean = (n * Math.PI * 100 * 100) / (SIDE * SIDE);
    let m = 2;
    const tail = (k: number) => {
      let sum = 0;
      let term = Math.exp(-mean);
      for (let j = 0; j < k; j += 1) {
        sum += term;
        term *= mean / (j + 1);
      }
      return 1 - sum;
    };
    while (n * tail(m - 1) >= 0.001) {
      m += 1;
    }
    for (const c of found) {
      expect(c.minPoints).toBe(m);
      expect(c.minPointsRule).toContain(`${n} incidents`);
      expect(c.minPointsRule).toContain(`${m} is the smallest count`);
    }
  });
});

describe('DBSCAN over distinct points weighted by their incidents', () => {
  const scope = (within: string): AnalysisScope => ({
    extentGeoJSON: within,
    categories: null,
    from: `${MONTH}-01`,
    to: `${MONTH}-01`,
    sources: [SOURCE],
    exactPoints: true,
    setId: 'ons-wards-2023',
    monthPlacement: false,
    wardCodes: null,
  });

  /**
   * Clusters from the hub's statement and from ST_ClusterDBSCAN over every incident, as their
   * keys (the hash of their incident ids, so equal keys are equal memberships) and sizes.
   */
  async function both(
    tx: Db,
    eps: number,
    minPoints: number,
  ): Promise<{ ours: string[]; plain: string[]; sizes: number[] }> {
    const within = JSON.stringify(await box(tx, X0 - 500, Y0 - 500, X0 + 2500, Y0 + 2500));
    const { clusters: ours } = await new HotspotsService(tx).clusters(scope(within), eps, minPoints);
    const plain = await tx.query<{ cid: number; id: string }>(
      `SELECT cid, id::text AS id FROM (
         SELECT id, ST_ClusterDBSCAN(geom_bng, $1, $2) OVER (ORDER BY id) AS cid FROM incident WHERE source = $3) c
       WHERE cid IS NOT NULL`,
      [eps, minPoints, SOURCE],
    );
    const reference = partition(plain);
    // Clusters are numbered from 0 in the order of their first incident.
    const firstOf = new Map(reference.map((ids) => [placeKey('CLUSTER', ids.split(',')), BigInt(ids.split(',')[0])]));
    const firsts = ours.map((c) => firstOf.get(clusterKey(c.hash)) ?? -1n);
    expect(ours.map((c) => c.cid)).toEqual(ours.map((_, k) => k));
    expect(firsts).toEqual([...firsts].sort((a, b) => (a < b ? -1 : 1)));
    return {
      ours: ours.map((c) => clusterKey(c.hash)).sort(),
      plain: [...firstOf.keys()].sort(),
      sizes: ours.map((c) => c.count).sort((x, y) => x - y),
    };
  }

  it('gives the duplicates of a border point, claimed by two clusters, to the cluster ST_ClusterDBSCAN gives them', async () => {
    // Two clusters 150 m apart (eps 80, 30 points): cores at (0, 0) and (150, 0) with 10
    // incidents each, helped by 10 at (-70, 0) and (0, 70) (and their mirror images); 3
    // incidents at (75, 0) lie within eps of both cores but reach only 23, so are border.
    // Cluster B's incidents come first, so the window function gives it the border.
    const at = (x: number, y: number, n: number): [number, number][] =>
      Array.from({ length: n }, () => [X0 + x, Y0 + y] as [number, number]);
    const b = [...at(150, 0, 10), ...at(220, 0, 10), ...at(150, 70, 10)];
    const a = [...at(0, 0, 10), ...at(-70, 0, 10), ...at(0, 70, 10)];
    const { ours, plain, sizes } = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      await plant(tx, [...b, ...a, ...at(75, 0, 3)]);
      return both(tx, 80, 30);
    });
    expect(ours).toEqual(plain);
    expect(ours).toHaveLength(2);
    // The three border incidents joined B, whose incidents come first, as the window function does.
    expect(sizes).toEqual([30, 33]);
  });

  it("has ST_ClusterDBSCAN's memberships on a month of Derby's police.uk incidents (shared map points)", async () => {
    const { ours, plain, sites, incidents } = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      const derby = JSON.stringify(await box(tx, 425_000, 325_000, 445_000, 345_000));
      const month = { ...scope(derby), from: '2018-12-01', to: '2018-12-01', sources: ['police.uk'] };
      const [counts] = await tx.query<{ sites: number; incidents: number }>(
        `SELECT count(DISTINCT (ST_X(geom_bng), ST_Y(geom_bng)))::int AS sites, count(*)::int AS incidents
         FROM incident WHERE source = 'police.uk' AND month = '2018-12-01'`,
      );
      const reference = await tx.query<{ cid: number; id: string }>(
        `SELECT cid, id::text AS id FROM (
           SELECT id, ST_ClusterDBSCAN(geom_bng, 100, 15) OVER (ORDER BY id) AS cid
           FROM incident WHERE source = 'police.uk' AND month = '2018-12-01') c
         WHERE cid IS NOT NULL`,
      );
      return {
        ours: (await new HotspotsService(tx).clusters(month, 100, 15)).clusters.map((c) => clusterKey(c.hash)).sort(),
        plain: partition(reference)
          .map((ids) => placeKey('CLUSTER', ids.split(',')))
          .sort(),
        ...counts,
      };
    });
    // The weighted path is the one taken: points are shared.
    expect(incidents).toBeGreaterThanOrEqual(2 * sites);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours).toEqual(plain);
  });

  it.each([
    [50, 10],
    [50, 40],
    [45, 60],
    [30, 5],
    [80, 150],
  ])(
    'has the memberships of ST_ClusterDBSCAN at eps %d, minPoints %d, on shared points and on distinct ones',
    async (eps, minPoints) => {
      // 400 incidents at 60 points (shared: sites), then the same jittered apart (distinct).
      const random = seeded(eps * 1000 + minPoints);
      const sites = Array.from({ length: 60 }, (_, k) => [
        X0 + (k % 10) * 37 + random() * 9,
        Y0 + Math.floor(k / 10) * 41,
      ]);
      const shared = Array.from({ length: 400 }, () => sites[Math.floor(random() * 60)] as [number, number]);
      const distinct = shared.map(([x, y]) => [x + random() * 3, y + random() * 3] as [number, number]);
      for (const points of [shared, distinct]) {
        const { ours, plain } = await inRolledBackTransaction(suite.dataSource, async (tx) => {
          await plant(tx, points);
          return both(tx, eps, minPoints);
        });
        expect(ours).toEqual(plain);
      }
    },
  );
});

/**
 * A hull's vertices, flat, in an order two hulls of the same points share: a ring's closing
 * point dropped and the ring started at its least vertex (a hull built from its points in
 * another order may start its ring elsewhere), a line's or point's coordinates sorted.
 */
function vertices(hull: ClusterRow['hull']): number[] {
  const less = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1];
  let points: number[][];
  if (hull.type === 'Polygon') {
    const ring = hull.coordinates[0].slice(0, -1);
    const start = ring.indexOf([...ring].sort(less)[0]);
    points = [...ring.slice(start), ...ring.slice(0, start)];
  } else if (hull.type === 'LineString') {
    points = [...hull.coordinates].sort(less);
  } else if (hull.type === 'Point') {
    points = [hull.coordinates];
  } else {
    throw new Error(`a hull is a polygon, line or point, got ${hull.type}`);
  }
  return points.flat();
}

/** The statement's clusters against the process's sums of the old statement's members, by key. */
async function compareWithBefore(tx: Db, at: AnalysisScope, eps: number, minPoints: number): Promise<number> {
  const { clusters: ours } = await new HotspotsService(tx).clusters(at, eps, minPoints);
  const before = await clustersBefore(tx, at, eps, minPoints);
  const byHash = new Map(before.map((c) => [c.hash, c]));
  expect(ours.map((c) => c.hash).sort()).toEqual(before.map((c) => c.hash).sort());
  const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9);
  for (const c of ours) {
    const old = byHash.get(c.hash) as ClusterRow;
    expect(c.cid).toBe(old.cid);
    expect([c.count, c.firstMonth, c.lastMonth]).toEqual([old.count, old.firstMonth, old.lastMonth]);
    expect([c.categories, c.wards, c.areas, c.neighbourhoods]).toEqual([
      old.categories,
      old.wards,
      old.areas,
      old.neighbourhoods,
    ]);
    near(c.extentShare, old.extentShare);
    expect(c.hull.type).toBe(old.hull.type);
    const [hull, oldHull] = [vertices(c.hull), vertices(old.hull)];
    expect(hull).toHaveLength(oldHull.length);
    hull.forEach((v, k) => near(v, oldHull[k]));
    c.centroid.coordinates.forEach((v, k) => near(v, old.centroid.coordinates[k]));
  }
  return ours.length;
}

/** A scope over 2018's incidents of the Derby sample, current wards, exact points, by outline. */
const derbyScope = (within: string, over: Partial<AnalysisScope>): AnalysisScope => ({
  extentGeoJSON: within,
  categories: null,
  from: '2018-01-01',
  to: '2018-12-01',
  sources: null,
  exactPoints: true,
  setId: 'ons-wards-2023',
  monthPlacement: false,
  wardCodes: null,
  ...over,
});

describe('clusters summed in SQL', () => {
  const derby = (tx: Db) => box(tx, 425_000, 325_000, 445_000, 345_000);
  const scope = derbyScope;

  it('equals the old statement summed in the process on shared map points (police.uk), exact and published, by month and current wards', async () => {
    await inRolledBackTransaction(suite.dataSource, async (tx) => {
      const within = JSON.stringify(await derby(tx));
      const [{ sites, incidents }] = await tx.query<{ sites: number; incidents: number }>(
        `SELECT count(DISTINCT (ST_X(geom_bng), ST_Y(geom_bng)))::int AS sites, count(*)::int AS incidents
         FROM incident WHERE month BETWEEN '2018-01-01' AND '2018-12-01'`,
      );
      expect(incidents).toBeGreaterThanOrEqual(2 * sites);
      let found = 0;
      for (const over of [
        { exactPoints: true },
        { exactPoints: false, monthPlacement: true },
        { categories: ['anti-social-behaviour', 'violent-crime'], sources: ['police.uk'] },
      ]) {
        found += await compareWithBefore(tx, scope(within, over), 100, 15);
      }
      expect(found).toBeGreaterThan(3);
    });
  });

  it('equals the old statement summed in the process on distinct points (the window function path)', async () => {
    await inRolledBackTransaction(suite.dataSource, async (tx) => {
      // The same incidents moved apart by up to 5 m each, so no two share a point.
      await tx.query(
        `UPDATE incident SET geom_bng = ST_Translate(geom_bng, (id % 97) / 19.4, (id % 89) / 17.8)
         WHERE month = '2018-12-01'`,
      );
      const within = JSON.stringify(await derby(tx));
      const at = scope(within, { from: '2018-12-01', to: '2018-12-01' });
      const [{ sites, incidents }] = await tx.query<{ sites: number; incidents: number }>(
        `SELECT count(DISTINCT (ST_X(geom_bng), ST_Y(geom_bng)))::int AS sites, count(*)::int AS incidents
         FROM incident WHERE month = '2018-12-01'`,
      );
      expect(incidents).toBeLessThan(2 * sites);
      expect(await compareWithBefore(tx, at, 100, 15)).toBeGreaterThan(1);
    });
  });

  it("chooses minPoints from the incidents it clusters by densityThreshold's rule, which the process checks", async () => {
    await inRolledBackTransaction(suite.dataSource, async (tx) => {
      const service = new HotspotsService(tx);
      let checked = 0;
      for (const [west, south, side] of [
        [425_000, 325_000, 20_000],
        [433_000, 334_000, 3_000],
        [435_000, 335_000, 800],
        [600_000, 600_000, 1_000],
      ]) {
        const within = JSON.stringify(await box(tx, west, south, west + side, south + side));
        for (const eps of [30, 100, 400]) {
          const { threshold } = await service.clusters(scope(within, {}), eps, null);
          // The incidents and area by a statement of their own.
          const [alone] = await tx.query<{ n: number; area: number }>(
            `SELECT count(*)::int AS n, ST_Area(ST_MakeEnvelope($1, $2, $3, $4, 27700)) AS area FROM incident
             WHERE month BETWEEN '2018-01-01' AND '2018-12-01'
               AND ST_Intersects(geom_bng, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($5), 4326), 27700))`,
            [west, south, west + side, south + side, within],
          );
          expect(threshold.incidents).toBe(alone.n);
          expect(Math.abs(threshold.areaSqM - alone.area) / alone.area).toBeLessThan(1e-6);
          expect(threshold.minPoints).toBe(densityThreshold(threshold.incidents, threshold.areaSqM, eps).minPoints);
          checked += threshold.incidents > 0 ? 1 : 0;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(6);
    });
  });
});

describe('clusters over an extent of whole wards', () => {
  /** The union of a set's wards (of one area, or all) as GeoJSON, and their codes. */
  async function wardsOf(tx: Db, setId: string, area: string | null): Promise<{ within: string; codes: string[] }> {
    const [row] = await tx.query<{ within: string; codes: string[] }>(
      `SELECT ST_AsGeoJSON(ST_Union(geom)) AS within, array_agg(code ORDER BY code) AS codes FROM ward
       WHERE boundary_set_id = $1 AND ($2::text IS NULL OR area_code = $2)`,
      [setId, area],
    );
    return row;
  }

  // December 2018 only: the month the sample holds, counted below by a statement of its own.
  const scope = (within: string, over: Partial<AnalysisScope>): AnalysisScope =>
    derbyScope(within, { from: '2018-12-01', ...over });

  it('names the wards an extent of areas, wards or the city is made of, and none for a polygon or box', async () => {
    const service = new HotspotsService(suite.db);
    const north = await wardsOf(suite.db, 'ons-wards-2023', 'NORTH');
    const city = await wardsOf(suite.db, 'ons-wards-2023', null);
    expect((await service.extent(null, null, ['NORTH'], null, 'ons-wards-2023')).wardCodes).toEqual(north.codes);
    expect((await service.extent(null, null, null, null, 'ons-wards-2023')).wardCodes).toEqual(city.codes);
    expect((await service.extent(null, null, null, north.codes.slice(0, 2), 'ons-wards-2023')).wardCodes).toEqual(
      north.codes.slice(0, 2),
    );
    expect((await service.extent(north.within, null, null, null, 'ons-wards-2023')).wardCodes).toBeNull();
    expect((await service.extent(null, [-1.5, 52.9, -1.4, 53], null, null, 'ons-wards-2023')).wardCodes).toBeNull();
  });

  it('equals the clusters of the same incidents selected by the outline, on current wards and on the wards of their month', async () => {
    await inRolledBackTransaction(suite.dataSource, async (tx) => {
      const service = new HotspotsService(tx);
      let found = 0;
      for (const [setId, monthPlacement, area] of [
        ['ons-wards-2023', false, 'NORTH'],
        ['ons-wards-2023', false, null],
        ['ons-wards-2013', true, 'WEST'],
      ] as const) {
        const { within, codes } = await wardsOf(tx, setId, area);
        const byWards = scope(within, { setId, monthPlacement, wardCodes: codes });
        const [byOutline] = await tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM incident
           WHERE month = '2018-12-01' AND ST_Intersects(geom_bng, ST_Transform(ST_GeomFromGeoJSON($1), 27700))`,
          [within],
        );
        const { threshold } = await service.clusters(byWards, 100, 15);
        expect(threshold.incidents).toBe(byOutline.n);
        // The old statement reads the extent's outline alone (it has no wards).
        found += await compareWithBefore(tx, byWards, 100, 15);
      }
      expect(found).toBeGreaterThan(3);
    });
  });

  it("takes the incidents placed in the extent's wards, not those whose point merely lies in its outline", async () => {
    await inRolledBackTransaction(suite.dataSource, async (tx) => {
      const service = new HotspotsService(tx);
      const north = await wardsOf(tx, 'ons-wards-2023', 'NORTH');
      const at = scope(north.within, { wardCodes: north.codes });
      const before = (await service.clusters(at, 100, 15)).threshold.incidents;
      // One of North's incidents placed, as if on a shared edge, in a ward of South.
      await tx.query(
        `UPDATE incident SET ward_code = (SELECT min(code) FROM ward WHERE boundary_set_id = 'ons-wards-2023' AND area_code = 'SOUTH')
         WHERE id = (SELECT min(id) FROM incident WHERE ward_code = ANY($1::text[]))`,
        [north.codes],
      );
      expect((await service.clusters(at, 100, 15)).threshold.incidents).toBe(before - 1);
      expect((await service.clusters({ ...at, wardCodes: null }, 100, 15)).threshold.incidents).toBe(before);
    });
  });

  it('gives only the clusters crossing a level when asked, each as it is among all the clusters', async () => {
    const service = new HotspotsService(suite.db);
    const city = await wardsOf(suite.db, 'ons-wards-2023', null);
    const at = scope(city.within, { wardCodes: city.codes });
    const all = await service.clusters(at, 100, 10);
    const levels = [
      ['ward', (c: ClusterRow) => c.wards],
      ['area', (c: ClusterRow) => c.areas],
      ['neighbourhood', (c: ClusterRow) => c.neighbourhoods],
    ] as const;
    for (const [level, units] of levels) {
      const crossing = await service.clusters(at, 100, 10, level);
      expect(crossing.threshold).toEqual(all.threshold);
      expect(crossing.clusters).toEqual(all.clusters.filter((c) => Object.keys(units(c)).length > 1));
    }
    const crossingWards = all.clusters.filter((c) => Object.keys(c.wards).length > 1).length;
    expect(crossingWards).toBeGreaterThan(0);
    expect(crossingWards).toBeLessThan(all.clusters.length);
  });
});
