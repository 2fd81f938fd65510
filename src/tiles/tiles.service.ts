import type { Feature, Geometry } from 'geojson';
import geojsonvt from 'geojson-vt';
import { fromGeojsonVt } from 'vt-pbf';

import type { Db } from '../db/db';
import { splice, sqlFile } from '../db/sql';

import { BUFFER, EXTENT, type TileAddress } from './tile';

/**
 * How a tile is encoded: by PostGIS (ST_AsMVT, on a PostgreSQL server) or in JavaScript
 * (geojson-vt and vt-pbf over features PostGIS selected and clipped: the embedded database's
 * PostGIS has no protobuf, so ST_AsMVT fails there).
 */
export type Encoder = 'postgis' | 'javascript';

/** One statement that yields a layer's features: geom (EPSG:3857) and the named property columns. */
export interface LayerSource {
  /** A statement file of src/tiles/sql taking $1 z, $2 x, $3 y and then `params`. */
  statement: string;
  params: unknown[];
  /** Its property columns, in order: the same names on both encoders. */
  properties: readonly string[];
}

const sql = (name: string) => sqlFile(__dirname, name);

/** Runs the tile statements. The only place tile SQL runs. */
export class TilesService {
  constructor(private readonly db: Db) {}

  /** The data version, as text (a bigint). */
  async version(): Promise<string> {
    return (await this.db.query<{ version: string }>(sql('data-version')))[0].version;
  }

  /** The bounding box of the current wards, [west, south, east, north] in WGS 84; null when none are loaded. */
  async cityExtent(): Promise<[number, number, number, number] | null> {
    const [row] = await this.db.query<{ west: number; south: number; east: number; north: number }>(sql('city-extent'));
    return row ? [row.west, row.south, row.east, row.north] : null;
  }

  /**
   * Encodes one layer of one tile. Empty (no bytes) when no feature reaches the tile.
   * @param layer the MVT layer name (a LayerId: never caller text)
   */
  async encode(layer: string, source: LayerSource, tile: TileAddress, encoder: Encoder): Promise<Buffer> {
    return encoder === 'postgis'
      ? this.encodeInPostgis(layer, source, tile)
      : this.encodeInJavaScript(layer, source, tile);
  }

  /** The features a JavaScript-encoded tile is made from, as GeoJSON features in WGS 84. */
  async features(source: LayerSource, tile: TileAddress): Promise<Feature[]> {
    const rows = await this.db.query<Record<string, unknown> & { geometry: Geometry }>(
      statementOf('features', source),
      [tile.z, tile.x, tile.y, ...source.params],
    );
    return rows.map(({ geometry, ...properties }) => ({ type: 'Feature', geometry, properties }));
  }

  private async encodeInPostgis(layer: string, source: LayerSource, tile: TileAddress): Promise<Buffer> {
    const statement = splice(statementOf('mvt', source), { LAYER: layer });
    const [row] = await this.db.query<{ tile: Buffer | null }>(statement, [tile.z, tile.x, tile.y, ...source.params]);
    return row?.tile ?? Buffer.alloc(0);
  }

  private async encodeInJavaScript(layer: string, source: LayerSource, tile: TileAddress): Promise<Buffer> {
    return encodeFeatures(layer, await this.features(source, tile), tile);
  }
}

/** A wrapper statement (mvt or features) around a layer's source, with its property columns. */
function statementOf(wrapper: 'mvt' | 'features', source: LayerSource): string {
  return splice(sql(wrapper), {
    SOURCE: sql(source.statement).replace(/;\s*$/, ''),
    PROPERTIES: source.properties.map((p) => `src."${p}"`).join(', '),
  });
}

/**
 * Encodes WGS 84 features as one layer of tile z/x/y with geojson-vt and vt-pbf, with the extent
 * and buffer ST_AsMVT is given. geojson-vt's maximum zoom is the tile's, where it does not
 * simplify (ST_AsMVTGeom does not either, beyond snapping to the tile grid). Null properties are
 * left out, as ST_AsMVT leaves them out.
 */
export function encodeFeatures(layer: string, features: Feature[], tile: TileAddress): Buffer {
  if (features.length === 0) {
    return Buffer.alloc(0);
  }
  const index = geojsonvt(
    { type: 'FeatureCollection', features },
    { maxZoom: tile.z, indexMaxZoom: Math.min(tile.z, 5), extent: EXTENT, buffer: BUFFER },
  );
  const encoded = index.getTile(tile.z, tile.x, tile.y);
  if (!encoded || encoded.features.length === 0) {
    return Buffer.alloc(0);
  }
  return Buffer.from(fromGeojsonVt({ [layer]: encoded }, { version: 2, extent: EXTENT }));
}
