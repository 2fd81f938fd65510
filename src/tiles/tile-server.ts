import { createHash } from 'node:crypto';

import type { Polygon } from 'geojson';
import type { DataSource } from 'typeorm';

import { type Caller, seesExactPoints, seesSmallCounts } from '../auth/caller';
import { Disclosing, SMALL_COUNT } from '../auth/disclosure';
import { ruleFor } from '../auth/policy';
import { type Db, typeormDb } from '../db/db';
import { UnknownCategoryError } from '../errors';
import { createLoaders } from '../graphql/context';
import { gridAnalysis } from '../hotspots/grid';
import { CellShape, type HotspotInput } from '../hotspots/hotspots.types';
import { etagMatches } from '../http/etag';

import { LruCache } from './cache';
import { canonicalQuery, type TileFilter } from './filters';
import type { LayerId, TileLayer } from './layers';
import { cellBox, type TileAddress, tileLonLatBounds, tileSpan } from './tile';
import { type Encoder, type LayerSource, TilesService } from './tiles.service';

/**
 * Public callers' incident cells are never smaller than the cells of this zoom (64 to a tile side:
 * about 306 m in Web Mercator, some 185 m on the ground at Derby's latitude), nearly twice the
 * 100 m cell street-scene reports are published in, however far the map zooms in.
 */
export const PUBLIC_CELL_ZOOM = 11;

/** Count-grid cells along a tile side below the point zoom (a cell is 64 of the tile's 4096 units). */
export const CELLS_PER_TILE = 64;

/** Encoded tiles kept in memory (all layers, callers and versions together). */
const TILE_CACHE = { entries: 20_000, bytes: 64 * 2 ** 20 };

/** Hot-spot analyses kept in memory: each is one city-wide Gi* for one filter and one class of caller. */
const ANALYSIS_CACHE = 16;

export interface TileServerOptions {
  dataSource: DataSource;
  encoder: Encoder;
  /** Zoom from which analysts and above get incident points (TILE_POINT_MIN_ZOOM). */
  pointMinZoom: number;
}

/** A tile asked for: which, filtered how, by whom. */
export interface TileRequest {
  layer: TileLayer;
  tile: TileAddress;
  filter: TileFilter;
  caller: Caller;
  /** The If-None-Match header, when sent. */
  ifNoneMatch?: string;
  /** Takes rate-limit points from the caller (throws when they are spent). */
  spend: (points: number) => Promise<void>;
}

export interface ServedTile {
  /** null: the client's copy (If-None-Match) is current, answer 304. */
  body: Buffer | null;
  etag: string;
  cacheControl: string;
  /** Whether the tile came from the in-process cache. */
  cached: boolean;
}

interface HotCell {
  bbox: [number, number, number, number];
  geometry: Polygon;
  id: string;
  count: number | null;
  zScore: number | null;
  pValue: number | null;
  confidence: number;
}

/**
 * Serves vector tiles: reads the data version and draws the tile in one REPEATABLE READ
 * snapshot, so the ETag always labels the data the tile was drawn from; keeps encoded tiles (and
 * hot-spot analyses) in memory under keys holding that version.
 */
export class TileServer {
  private readonly tiles = new LruCache<Buffer>(TILE_CACHE.entries, TILE_CACHE.bytes, (b) => b.length + 200);
  private readonly analyses = new LruCache<Promise<HotCell[]>>(ANALYSIS_CACHE);

  constructor(private readonly options: TileServerOptions) {}

  get encoder(): Encoder {
    return this.options.encoder;
  }

  /** Serves one tile (or says the client's copy is current). */
  serve(request: TileRequest): Promise<ServedTile> {
    return this.options.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const db = typeormDb(manager);
      const service = new TilesService(db);
      const version = await service.version();
      const { layer, tile, filter, caller } = request;
      const etag = `"${keyOf(version, layer.id, tile, filter, visibility(layer, caller), this.options.pointMinZoom)}"`;
      const cacheControl = layer.byCaller ? 'private, max-age=60' : 'public, max-age=60';
      if (etagMatches(request.ifNoneMatch, etag)) {
        await request.spend(1);
        return { body: null, etag, cacheControl, cached: true };
      }
      const hit = this.tiles.get(etag);
      if (hit) {
        await request.spend(1);
        return { body: hit, etag, cacheControl, cached: true };
      }
      await request.spend(layer.cost);
      const body = await this.draw(db, service, request, version);
      this.tiles.set(etag, body);
      return { body, etag, cacheControl, cached: false };
    });
  }

  /** The city's extent for TileJSON, in its own short read. */
  cityExtent(): Promise<[number, number, number, number] | null> {
    return new TilesService(typeormDb(this.options.dataSource)).cityExtent();
  }

  /**
   * The statement that yields one layer's features for a tile and caller (hot spots excepted,
   * which need their analysis first): exported for the test that compares the two encoders.
   */
  sourceOf(layer: Exclude<LayerId, 'hotspots'>, tile: TileAddress, filter: TileFilter, caller: Caller): LayerSource {
    if (layer !== 'incidents') {
      return { statement: layer, params: [], properties: BOUNDARY_PROPERTIES[layer] };
    }
    const months = [filter.from && `${filter.from}-01`, filter.to && `${filter.to}-01`];
    const common = [...months, filter.categories, seesExactPoints(caller)];
    const analyst = seesSmallCounts(caller);
    if (analyst && tile.z >= this.options.pointMinZoom) {
      return { statement: 'incident-points', params: common, properties: ['id', 'category', 'month', 'source'] };
    }
    const size = tileSpan(analyst ? tile.z : Math.min(tile.z, PUBLIC_CELL_ZOOM)) / CELLS_PER_TILE;
    return {
      statement: 'incident-cells',
      params: [...common, size, cellBox(tile, size), analyst ? 0 : SMALL_COUNT],
      properties: ['count'],
    };
  }

  private async draw(db: Db, service: TilesService, request: TileRequest, version: string): Promise<Buffer> {
    const { layer, tile, filter, caller } = request;
    if (filter.categories) {
      await checkCategories(db, filter.categories);
    }
    if (layer.id !== 'hotspots') {
      return service.encode(layer.id, this.sourceOf(layer.id, tile, filter, caller), tile, this.options.encoder);
    }
    const cells = await this.hotCells(db, request, version);
    const [w, s, e, n] = tileLonLatBounds(tile);
    // The buffer, 64 of 4096 units, in degrees: cells that only reach into it are drawn too.
    const bx = ((e - w) * 64) / 4096;
    const by = ((n - s) * 64) / 4096;
    const near = cells.filter(
      (c) => c.bbox[0] <= e + bx && c.bbox[2] >= w - bx && c.bbox[1] <= n + by && c.bbox[3] >= s - by,
    );
    if (near.length === 0) {
      return Buffer.alloc(0);
    }
    const json = JSON.stringify(near.map(({ bbox: _bbox, ...cell }) => cell));
    return service.encode(layer.id, hotspotSource(json), tile, this.options.encoder);
  }

  /**
   * A city-wide Gi* for the filter, as this caller may see it: computed once per data version.
   * The promise is kept, so the tiles a map asks for at once wait for one analysis rather than
   * each running its own; a failed analysis is forgotten.
   */
  private async hotCells(db: Db, request: TileRequest, version: string): Promise<HotCell[]> {
    const key = `${version}|${canonicalQuery(request.filter)}|${visibility(request.layer, request.caller)}`;
    const known = this.analyses.get(key);
    if (known) {
      return known;
    }
    // The caller who starts the analysis pays for it, before it starts: a refusal (rate limit,
    // cost) is theirs alone, never handed to the callers waiting for the same analysis.
    await request.spend(analysisCost(request.filter));
    const started = this.analyses.get(key);
    if (started) {
      return started;
    }
    const running = analyse(db, request);
    this.analyses.set(key, running);
    running.catch(() => this.analyses.delete(key));
    return running;
  }
}

/** What the GraphQL hotspots query with the same cell size costs. */
function analysisCost(filter: TileFilter): number {
  const rule = ruleFor('Query', 'hotspots');
  return typeof rule?.cost === 'function' ? rule.cost({ input: { cellSizeMetres: filter.cellSize } }) : 500;
}

/** Runs the Gi* of a hot-spot tile's filter over the whole city, as the GraphQL hotspots query does. */
async function analyse(db: Db, request: TileRequest): Promise<HotCell[]> {
  const { filter, caller } = request;
  const input = {
    from: filter.from,
    to: filter.to,
    categories: filter.categories,
    cellShape: CellShape.SQUARE,
    cellSizeMetres: filter.cellSize,
    fdr: true,
  } as HotspotInput;
  const { result } = await gridAnalysis({ db, caller, loaders: createLoaders(db) }, input);
  const disclosing = new Disclosing(caller);
  const cells = result.cells.map((c) => ({
    bbox: bboxOf(c.geometry as Polygon),
    geometry: c.geometry as Polygon,
    id: c.id,
    count: disclosing.count(c.count as number),
    zScore: c.zScore,
    pValue: c.pValue,
    // +0: the bin of a negative z-score that is not significant is -0, which MVT cannot carry.
    confidence: c.confidence + 0,
  }));
  return cells;
}

/** The property columns of the boundary layers' statements. */
const BOUNDARY_PROPERTIES: Record<Exclude<LayerId, 'incidents' | 'hotspots'>, readonly string[]> = {
  wards: ['code', 'name', 'areaCode', 'boundarySet'],
  areas: ['code', 'name'],
  lsoas: ['code', 'name', 'imdDecile', 'imdEdition', 'population'],
  'police-neighbourhoods': ['id', 'code', 'name', 'force', 'synthetic'],
};

/** The hot-spot cells of a tile as a source (their JSON is $4). */
export function hotspotSource(cellsJson: string): LayerSource {
  return {
    statement: 'hotspot-cells',
    params: [cellsJson],
    properties: ['id', 'count', 'zScore', 'pValue', 'confidence'],
  };
}

/**
 * What a caller may see of a layer, as a class: callers of one class get the same tile. Boundary
 * layers are the same for everyone; incidents and hot spots differ for public callers (no points,
 * small counts withheld), analysts (published points) and officers and above (exact points).
 */
export function visibility(layer: TileLayer, caller: Caller): string {
  if (!layer.byCaller) {
    return 'everyone';
  }
  return seesExactPoints(caller) ? 'exact' : seesSmallCounts(caller) ? 'published' : 'public';
}

/** The ETag text: a hash of everything the tile's bytes depend on. */
function keyOf(
  version: string,
  layer: LayerId,
  tile: TileAddress,
  filter: TileFilter,
  seen: string,
  pointMinZoom: number,
): string {
  const parts = [version, layer, tile.z, tile.x, tile.y, canonicalQuery(filter), seen];
  if (layer === 'incidents') {
    parts.push(pointMinZoom);
  }
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 32);
}

async function checkCategories(db: Db, slugs: string[]): Promise<void> {
  const found = await createLoaders(db).categoryBySlug.loadMany(slugs);
  const missing = slugs.filter((_, i) => !found[i] || found[i] instanceof Error);
  if (missing.length > 0) {
    throw new UnknownCategoryError(missing);
  }
}

function bboxOf(polygon: Polygon): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of polygon.coordinates[0]) {
    w = Math.min(w, x);
    s = Math.min(s, y);
    e = Math.max(e, x);
    n = Math.max(n, y);
  }
  return [w, s, e, n];
}
