import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import type { DataSource } from 'typeorm';

import { ApiKeysService } from '../src/auth/api-keys';
import { anonymous, type Caller } from '../src/auth/caller';
import { readConfig } from '../src/config';
import { typeormDb } from '../src/db/db';
import { createLoaders } from '../src/graphql/context';
import { gridAnalysis } from '../src/hotspots/grid';
import { CellShape, type HotspotInput } from '../src/hotspots/hotspots.types';
import { type Hub, startHub } from '../src/hub';
import { LruCache } from '../src/tiles/cache';
import type { TileFilter } from '../src/tiles/filters';
import { LAYER_IDS, LAYERS } from '../src/tiles/layers';
import { cellBox, parseTile, type TileAddress, tileBounds, tileSpan } from '../src/tiles/tile';
import { hotspotSource, TileServer } from '../src/tiles/tile-server';
import { type Encoder, TilesService } from '../src/tiles/tiles.service';

import { connectTestDatabase, inRolledBackTransaction, testDatabaseUrl } from './helpers/database';

const onServer = process.env.HUB_TEST_DATABASE_MODE === 'server';
const CATHEDRAL = [-1.4776, 52.9254] as const;
const NO_FILTER: TileFilter = { from: null, to: null, categories: null, cellSize: null };
const officer: Caller = { role: 'officer', identity: 'test officer', limitKey: 'test:officer' };
const analyst: Caller = { role: 'analyst', identity: 'test analyst', limitKey: 'test:analyst' };
const publicCaller = anonymous('127.0.0.1');

/** The XYZ tile holding a WGS 84 point at zoom z. */
function tileAt([lon, lat]: readonly [number, number], z: number): TileAddress {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n),
  };
}

const path = ({ z, x, y }: TileAddress) => `${z}/${x}/${y}.mvt`;

/** The features of one layer of an encoded tile (none for an empty tile). */
function decode(body: Uint8Array, layer: string): VectorTileFeature[] {
  if (body.length === 0) {
    return [];
  }
  const decoded = new VectorTile(new Pbf(body)).layers[layer];
  return decoded ? Array.from({ length: decoded.length }, (_, i) => decoded.feature(i)) : [];
}

/** The bounding box of features in tile units: [minX, minY, maxX, maxY]. */
function boundsOf(features: VectorTileFeature[]): number[] {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) {
    for (const ring of f.loadGeometry()) {
      for (const p of ring) {
        b[0] = Math.min(b[0], p.x);
        b[1] = Math.min(b[1], p.y);
        b[2] = Math.max(b[2], p.x);
        b[3] = Math.max(b[3], p.y);
      }
    }
  }
  return b;
}

describe('tile coordinates', () => {
  it('reads z/x/y.mvt and refuses coordinates outside the zoom, saying what they may be', () => {
    expect(parseTile('12', '2031', '1335.mvt')).toEqual({ z: 12, x: 2031, y: 1335 });
    expect(() => parseTile('23', '0', '0.mvt')).toThrow('z must be an integer from 0 to 22, got "23"');
    expect(() => parseTile('2', '4', '0.mvt')).toThrow('x must be an integer from 0 to 3 at zoom 2, got "4"');
    expect(() => parseTile('2', '1', '-1.mvt')).toThrow('y must be an integer from 0 to 3 at zoom 2, got "-1"');
    expect(() => parseTile('2.5', '1', '1.mvt')).toThrow('z must be an integer');
    expect(() => parseTile('2', '1', '1.png')).toThrow('a tile path must be z/x/y.mvt');
  });

  it('lays count cells that nest in tiles, and a cell larger than the tile covers it whole', () => {
    const tile = { z: 16, x: 32500, y: 21400 };
    expect(cellBox(tile, tileSpan(16) / 64)).toEqual(tileBounds(tile).map((v) => expect.closeTo(v, 6)));
    const big = cellBox({ z: 18, x: 130001, y: 85601 }, tileSpan(11) / 64);
    expect(big[2] - big[0]).toBeCloseTo(tileSpan(11) / 64, 6);
    expect(cellBox({ z: 18, x: 130000, y: 85600 }, tileSpan(11) / 64)).toEqual(big);
  });
});

describe('the tile cache', () => {
  it('forgets the least recently used tile first, by count and by bytes', () => {
    const cache = new LruCache<Buffer>(2, 10, (b) => b.length);
    cache.set('a', Buffer.alloc(4));
    cache.set('b', Buffer.alloc(4));
    cache.get('a');
    cache.set('c', Buffer.alloc(4));
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map((v) => v !== undefined)).toEqual([true, false, true]);
    cache.set('d', Buffer.alloc(8));
    expect(cache.size).toBe(1);
    cache.set('huge', Buffer.alloc(11));
    expect(cache.get('huge')).toBeUndefined();
  });
});

describe('vector tiles over HTTP', () => {
  let hub: Hub;
  let dataSource: DataSource;
  let analystKey: string;
  const at = (route: string) => hub.url.replace('/graphql', route);
  const get = (route: string, headers: Record<string, string> = {}) => fetch(at(route), { headers });
  const bytes = async (response: Response) => new Uint8Array(await response.arrayBuffer());

  beforeAll(async () => {
    ({ dataSource } = await connectTestDatabase());
    analystKey = (await new ApiKeysService(typeormDb(dataSource)).create('tiles test', 'analyst', 'tiles test')).key;
    hub = await startHub({ ...readConfig({}), port: 0, databaseUrl: testDatabaseUrl() });
    await hub.ready;
  });

  afterAll(async () => {
    await hub.stop();
    await dataSource.destroy();
  });

  it('serves every boundary layer with its properties, cached publicly', async () => {
    const tile = tileAt(CATHEDRAL, 12);
    const expected: Record<string, string[]> = {
      wards: ['areaCode', 'boundarySet', 'code', 'name'],
      areas: ['code', 'name'],
      lsoas: ['code', 'imdDecile', 'imdEdition', 'name', 'population'],
      'police-neighbourhoods': ['code', 'force', 'id', 'name', 'synthetic'],
    };
    for (const [layer, keys] of Object.entries(expected)) {
      const response = await get(`/tiles/${layer}/${path(tile)}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/application\/vnd\.mapbox-vector-tile/);
      expect(response.headers.get('cache-control')).toBe('public, max-age=60');
      const features = decode(await bytes(response), layer);
      expect(features.length).toBeGreaterThan(0);
      expect(features.every((f) => f.type === 3)).toBe(true);
      expect(Object.keys(features[0].properties).sort()).toEqual(keys);
    }
    const lsoas = decode(await bytes(await get(`/tiles/lsoas/${path(tile)}`)), 'lsoas');
    expect(lsoas.every((f) => Number(f.properties.imdDecile) >= 1 && Number(f.properties.imdDecile) <= 10)).toBe(true);
    expect(lsoas.every((f) => Number(f.properties.population) > 0)).toBe(true);
    // Far from Derby there is nothing: an empty tile, still 200.
    const empty = await get(`/tiles/wards/${path(tileAt([10, 45], 12))}`);
    expect(empty.status).toBe(200);
    expect((await bytes(empty)).length).toBe(0);
  });

  it('answers 304 to a client whose ETag is current, and a new ETag once the data changes', async () => {
    const route = `/tiles/wards/${path(tileAt(CATHEDRAL, 13))}`;
    // The data version is the database's: on a server the suite's other worker may write between
    // two requests, which rightly changes the ETag. So ask until two requests fall between writes;
    // every 200 on the way must carry a new ETag, and a 304 the one sent.
    let etag = '';
    let again: Response | undefined;
    for (let attempt = 0; attempt < 20 && again?.status !== 304; attempt += 1) {
      const first = await get(route);
      await first.arrayBuffer();
      etag = first.headers.get('etag') as string;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
      again = await get(route, { 'if-none-match': etag });
      await again.arrayBuffer();
      if (again.status !== 304) {
        expect(again.status).toBe(200);
        expect(again.headers.get('etag')).not.toBe(etag);
      }
    }
    expect(again?.status).toBe(304);
    expect(again?.headers.get('etag')).toBe(etag);
    // A ward moved to another area is an UPDATE of ward (the grouping mutation makes one); this
    // one changes no value, but it is a write to a table tiles are drawn from.
    await dataSource.query(`UPDATE ward SET area_code = area_code WHERE code = (SELECT min(code) FROM ward)`);
    const after = await get(route, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(decode(await bytes(after), 'wards').length).toBeGreaterThan(0);
  });

  it('gives public callers incident counts only, in cells of about 300 m (Web Mercator) at any zoom, with counts from 1 to 4 left out', async () => {
    const tile = tileAt(CATHEDRAL, 16);
    const response = await get(`/tiles/incidents/${path(tile)}`);
    expect(response.headers.get('cache-control')).toBe('private, max-age=60');
    expect(response.headers.get('vary')).toMatch(/Authorization/);
    const features = decode(await bytes(response), 'incidents');
    expect(features.length).toBeGreaterThan(0);
    expect(features.every((f) => f.type === 3)).toBe(true);
    for (const f of features) {
      expect(Object.keys(f.properties).every((k) => k === 'count')).toBe(true);
      if (f.properties.count !== undefined) {
        expect(Number(f.properties.count)).toBeGreaterThanOrEqual(5);
      }
      const [minX, minY, maxX, maxY] = boundsOf([f]);
      // A public cell is a 64th of a z11 tile (about 306 m): half a z16 tile, never smaller,
      // though the analyst's cells at z16 would be 64 times narrower.
      expect(maxX - minX).toBeGreaterThanOrEqual(2048);
      expect(maxY - minY).toBeGreaterThanOrEqual(2048);
    }
  });

  it('gives analysts points with category, month and source from the point zoom, and cells with counts below it', async () => {
    const headers = { 'x-api-key': analystKey };
    const points = decode(
      await bytes(await get(`/tiles/incidents/${path(tileAt(CATHEDRAL, 14))}`, headers)),
      'incidents',
    );
    expect(points.length).toBeGreaterThan(0);
    expect(points.every((f) => f.type === 1)).toBe(true);
    expect(Object.keys(points[0].properties).sort()).toEqual(['category', 'id', 'month', 'source']);
    expect(points[0].properties.month).toBe('2018-12');
    const cells = decode(
      await bytes(await get(`/tiles/incidents/${path(tileAt(CATHEDRAL, 12))}`, headers)),
      'incidents',
    );
    expect(cells.every((f) => f.type === 3)).toBe(true);
    expect(cells.some((f) => Number(f.properties.count) < 5)).toBe(true);
    // Filters: a category narrows, a period with no incidents empties.
    const burglary = decode(
      await bytes(await get(`/tiles/incidents/${path(tileAt(CATHEDRAL, 14))}?categories=burglary`, headers)),
      'incidents',
    );
    expect(burglary.length).toBeGreaterThan(0);
    expect(burglary.length).toBeLessThan(points.length);
    expect(burglary.every((f) => f.properties.category === 'burglary')).toBe(true);
    const none = await get(`/tiles/incidents/${path(tileAt(CATHEDRAL, 14))}?from=2019-01&to=2019-12`, headers);
    expect((await bytes(none)).length).toBe(0);
  });

  it('serves hot-spot cells with the z-scores and bins of the same Gi* analysis', async () => {
    const tile = tileAt(CATHEDRAL, 14);
    const response = await get(`/tiles/hotspots/${path(tile)}?from=2018-12&to=2018-12&cellSize=250`);
    expect(response.status).toBe(200);
    const features = decode(await bytes(response), 'hotspots');
    expect(features.length).toBeGreaterThan(0);
    const { result } = await gridAnalysis(
      { db: typeormDb(dataSource), caller: publicCaller, loaders: createLoaders(typeormDb(dataSource)) },
      { from: '2018-12', to: '2018-12', cellShape: CellShape.SQUARE, cellSizeMetres: 250, fdr: true } as HotspotInput,
    );
    const byId = new Map(result.cells.map((c) => [c.id, c]));
    for (const f of features) {
      const cell = byId.get(String(f.properties.id));
      expect(cell).toBeDefined();
      // MVT has no negative zero: a not-significant cell with a negative z-score is bin 0.
      expect(f.properties.confidence).toBe((cell?.confidence as number) + 0);
      if (cell?.zScore !== null) {
        expect(Number(f.properties.zScore)).toBeCloseTo(cell?.zScore as number, 9);
      }
      if (cell && cell.count !== null && cell.count > 0 && cell.count < 5) {
        expect(f.properties.count).toBeUndefined();
      }
    }
  });

  it('describes each layer in TileJSON 3.0.0, with the filter carried into the tile URL', async () => {
    const response = await get('/tiles/hotspots.json?to=2018-12&from=2018-12');
    expect(response.status).toBe(200);
    const doc = (await response.json()) as any;
    expect(doc.tilejson).toBe('3.0.0');
    expect(doc.tiles).toEqual([at('/tiles/hotspots/{z}/{x}/{y}.mvt?from=2018-12&to=2018-12&cellSize=250')]);
    const [w, s, e, n] = doc.bounds;
    expect(w).toBeLessThan(CATHEDRAL[0]);
    expect(e).toBeGreaterThan(CATHEDRAL[0]);
    expect(s).toBeLessThan(CATHEDRAL[1]);
    expect(n).toBeGreaterThan(CATHEDRAL[1]);
    expect(doc.vector_layers[0]).toMatchObject({ id: 'hotspots', minzoom: doc.minzoom, maxzoom: doc.maxzoom });
    expect(Object.keys(doc.vector_layers[0].fields)).toEqual(['id', 'count', 'zScore', 'pValue', 'confidence']);
    expect(doc.attribution).toMatch(/Open Government Licence v3\.0/);
    for (const layer of LAYER_IDS.filter((l) => l !== 'hotspots')) {
      const other = (await (await get(`/tiles/${layer}.json`)).json()) as any;
      expect(other.tiles[0]).toBe(at(`/tiles/${layer}/{z}/{x}/{y}.mvt`));
      expect(other.vector_layers[0].fields).toEqual(LAYERS[layer].fields);
    }
  });

  it.each([
    ['/tiles/roads/12/2031/1335.mvt', 404, 'NOT_FOUND', 'no tile layer "roads"; the hub serves wards, areas, lsoas'],
    ['/tiles/roads.json', 404, 'NOT_FOUND', 'no tile layer "roads"'],
    ['/tiles/wards/23/0/0.mvt', 400, 'BAD_USER_INPUT', 'z must be an integer from 0 to 22, got "23"'],
    ['/tiles/wards/3/8/0.mvt', 400, 'BAD_USER_INPUT', 'x must be an integer from 0 to 7 at zoom 3, got "8"'],
    ['/tiles/wards/3/1/x.mvt', 400, 'BAD_USER_INPUT', 'y must be an integer from 0 to 7 at zoom 3, got "x"'],
    ['/tiles/wards/3/1/1.mvt?from=2018-01', 400, 'BAD_USER_INPUT', 'query parameters of the wards layer must be none'],
    ['/tiles/incidents/3/1/1.mvt?from=2018-13', 400, 'BAD_USER_INPUT', 'from must be a month as YYYY-MM'],
    ['/tiles/incidents/3/1/1.mvt?from=2018-05&to=2018-01', 400, 'BAD_USER_INPUT', 'the period is inverted'],
    ['/tiles/incidents/3/1/1.mvt?categories=Bad!', 400, 'BAD_USER_INPUT', 'categories must be comma-separated'],
    [
      '/tiles/incidents/12/2031/1335.mvt?categories=unicorns',
      400,
      'BAD_USER_INPUT',
      'unknown incident category "unicorns"',
    ],
    ['/tiles/hotspots/12/2031/1335.mvt', 400, 'BAD_USER_INPUT', 'the hotspots layer needs a period'],
    [
      '/tiles/hotspots/12/2031/1335.mvt?from=2018-12&to=2018-12&cellSize=10',
      400,
      'BAD_USER_INPUT',
      'cellSize must be a number of metres from 25 to 5000, got "10"',
    ],
  ])('refuses %s with %i and a JSON body saying why', async (route, status, code, message) => {
    const response = await get(route);
    expect(response.status).toBe(status);
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions.code).toBe(code);
    expect(body.errors[0].message).toContain(message);
  });
});

describe('the two encoders', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    ({ dataSource } = await connectTestDatabase());
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('places a street-scene report at its published point for analysts, exactly for officers', async () => {
    const server = new TileServer({ dataSource, encoder: 'javascript', pointMinZoom: 14 });
    const tile = tileAt(CATHEDRAL, 16);
    const found = await inRolledBackTransaction(dataSource, async (db) => {
      const [{ id }] = await db.query<{ id: string }>(
        `INSERT INTO incident (source, source_key, category_slug, month, geom, geom_bng, status)
         SELECT 'test-tiles', 'exactness', 'anti-social-behaviour', '2018-12-01', p, ST_Transform(p, 27700), 'open'
         FROM (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326) AS p) x RETURNING id::text AS id`,
        [CATHEDRAL[0], CATHEDRAL[1]],
      );
      const [published] = await db.query<{ lon: number; lat: number }>(
        `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT published_point(geom, geom_bng, status) AS p FROM incident WHERE id = $1) x`,
        [id],
      );
      const service = new TilesService(db);
      const pointOf = async (caller: Caller) => {
        const features = await service.features(server.sourceOf('incidents', tile, NO_FILTER, caller), tile);
        return (features.find((f) => f.properties?.id === id)?.geometry as { coordinates: number[] }).coordinates;
      };
      return { published, analyst: await pointOf(analyst), officer: await pointOf(officer) };
    });
    expect(found.officer[0]).toBeCloseTo(CATHEDRAL[0], 6);
    expect(found.officer[1]).toBeCloseTo(CATHEDRAL[1], 6);
    expect(found.analyst[0]).toBeCloseTo(found.published.lon, 6);
    expect(found.analyst[1]).toBeCloseTo(found.published.lat, 6);
    expect(Math.abs(found.analyst[0] - CATHEDRAL[0]) + Math.abs(found.analyst[1] - CATHEDRAL[1])).toBeGreaterThan(1e-6);
  });

  // ST_AsMVT needs PostGIS built with protobuf, which the embedded database's is not: the
  // comparison runs in the server run of the suite (CI runs it on both databases).
  (onServer ? it : it.skip)(
    'give the same features, properties and geometry bounds for the same tile (ST_AsMVT and geojson-vt)',
    async () => {
      const db = typeormDb(dataSource);
      const service = new TilesService(db);
      const server = new TileServer({ dataSource, encoder: 'postgis', pointMinZoom: 14 });
      const cases: [string, TileAddress, Caller][] = [
        ['wards', tileAt(CATHEDRAL, 12), publicCaller],
        ['areas', tileAt(CATHEDRAL, 11), publicCaller],
        ['lsoas', tileAt(CATHEDRAL, 13), publicCaller],
        ['police-neighbourhoods', tileAt(CATHEDRAL, 12), publicCaller],
        ['incidents', tileAt(CATHEDRAL, 12), analyst],
        ['incidents', tileAt(CATHEDRAL, 13), publicCaller],
        ['incidents', tileAt(CATHEDRAL, 15), officer],
      ];
      const encodeBoth = async (layer: string, source: Parameters<TilesService['encode']>[1], tile: TileAddress) => {
        const out = {} as Record<Encoder, VectorTileFeature[]>;
        for (const encoder of ['postgis', 'javascript'] as const) {
          out[encoder] = decode(await service.encode(layer, source, tile, encoder), layer);
        }
        return out;
      };
      const compare = (label: string, both: Record<Encoder, VectorTileFeature[]>) => {
        const { postgis, javascript } = both;
        expect({ label, n: javascript.length }).toEqual({ label, n: postgis.length });
        expect(postgis.length).toBeGreaterThan(0);
        const describe = (fs: VectorTileFeature[]) =>
          fs.map((f) => `${f.type} ${JSON.stringify(Object.entries(f.properties).sort())}`).sort();
        expect(describe(javascript)).toEqual(describe(postgis));
        const [a, b] = [boundsOf(postgis), boundsOf(javascript)];
        // Same extent to within a few units of 4096 (ST_AsMVTGeom and geojson-vt round differently).
        a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(4));
      };
      for (const [layer, tile, caller] of cases) {
        const source = server.sourceOf(layer as 'wards', tile, NO_FILTER, caller);
        compare(`${layer} ${path(tile)} ${caller.role}`, await encodeBoth(layer, source, tile));
      }
      const tile = tileAt(CATHEDRAL, 14);
      const { result } = await gridAnalysis({ db, caller: officer, loaders: createLoaders(db) }, {
        from: '2018-12',
        to: '2018-12',
        cellShape: CellShape.SQUARE,
        cellSizeMetres: 250,
        fdr: true,
      } as HotspotInput);
      const cells = result.cells.map((c) => ({
        geometry: c.geometry,
        id: c.id,
        count: c.count,
        zScore: c.zScore,
        pValue: c.pValue,
        confidence: c.confidence,
      }));
      compare('hotspots', await encodeBoth('hotspots', hotspotSource(JSON.stringify(cells)), tile));
    },
  );
});
