import { LimitExceededError } from '../errors';

/** Highest zoom the hub serves (tile coordinates beyond it are refused). */
export const MAX_ZOOM = 22;

/** Tile extent in tile units and the buffer kept around it, as ST_AsMVT and geojson-vt both take them. */
export const EXTENT = 4096;
export const BUFFER = 64;

/** Half the width of the Web Mercator (EPSG:3857) world in metres: tile 0/0/0 spans ±this. */
export const ORIGIN_SHIFT = 20037508.342789244;

/** A tile's address in the XYZ scheme (y counts from the north, as MapLibre and QGIS ask). */
export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

const INTEGER = /^\d{1,8}$/;

/**
 * Reads z/x/y from a request path, refusing anything that names no tile.
 * @param y the last path part, with its `.mvt` suffix
 * @throws LimitExceededError saying which coordinate is wrong and what it may be
 * @example parseTile('12', '2025', '1315.mvt') //= { z: 12, x: 2025, y: 1315 }
 */
export function parseTile(z: string, x: string, y: string): TileAddress {
  if (!y.endsWith('.mvt')) {
    throw new LimitExceededError('a tile path', 'z/x/y.mvt', `"${clip(`${z}/${x}/${y}`)}"`);
  }
  const zoom = integerIn('z', z, MAX_ZOOM);
  const last = 2 ** zoom - 1;
  return { z: zoom, x: integerIn('x', x, last, zoom), y: integerIn('y', y.slice(0, -4), last, zoom) };
}

function integerIn(name: string, text: string, max: number, zoom?: number): number {
  const value = INTEGER.test(text) ? Number(text) : NaN;
  if (!(value >= 0 && value <= max)) {
    const at = zoom === undefined ? '' : ` at zoom ${zoom}`;
    throw new LimitExceededError(name, `an integer from 0 to ${max}${at}`, `"${clip(text)}"`);
  }
  return value;
}

const clip = (text: string) => text.slice(0, 40);

/** Width of a tile at zoom z in EPSG:3857 metres. */
export function tileSpan(z: number): number {
  return (2 * ORIGIN_SHIFT) / 2 ** z;
}

/** A tile's bounds in EPSG:3857 metres: [west, south, east, north]. */
export function tileBounds({ z, x, y }: TileAddress): [number, number, number, number] {
  const span = tileSpan(z);
  const west = -ORIGIN_SHIFT + x * span;
  const north = ORIGIN_SHIFT - y * span;
  return [west, north - span, west + span, north];
}

/** A tile's bounds in WGS 84 degrees: [west, south, east, north]. */
export function tileLonLatBounds(tile: TileAddress): [number, number, number, number] {
  const [w, s, e, n] = tileBounds(tile);
  return [lon(w), lat(s), lon(e), lat(n)];
}

const lon = (x: number) => (x / ORIGIN_SHIFT) * 180;
const lat = (y: number) => (Math.atan(Math.exp((y / ORIGIN_SHIFT) * Math.PI)) * 360) / Math.PI - 90;

/**
 * The cells of a count grid that cover a tile, as an EPSG:3857 box aligned to cells of `size`
 * metres. Grid cells are powers-of-two fractions of the world, so a cell smaller than the tile
 * nests inside it and the box is the tile; a cell larger than the tile contains it, and the box is
 * that whole cell, so its count is the same on every tile it covers.
 */
export function cellBox(tile: TileAddress, size: number): [number, number, number, number] {
  const [w, s, e, n] = tileBounds(tile);
  const down = (v: number) => Math.floor((v + ORIGIN_SHIFT) / size + 1e-9) * size - ORIGIN_SHIFT;
  const up = (v: number) => Math.ceil((v + ORIGIN_SHIFT) / size - 1e-9) * size - ORIGIN_SHIFT;
  return [down(w), down(s), up(e), up(n)];
}
