import type { Geometry, Position } from 'geojson';

import { InvalidCoordinatesError, InvalidGeoJSONError } from '../errors';

const GEOMETRY_TYPES = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
];

/**
 * Checks a longitude/latitude pair is a finite WGS 84 coordinate.
 * @throws InvalidCoordinatesError naming the bad value, with a hint when the two look swapped
 * @example assertLonLat(-1.4776, 52.9254) // passes
 */
export function assertLonLat(lon: number, lat: number, where = ''): void {
  const at = where ? ` (${where})` : '';
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
    throw new InvalidCoordinatesError(`lon and lat must be finite numbers${at}, got ${lon}, ${lat}`);
  }
  const swapped = Math.abs(lon) <= 90 && Math.abs(lat) > 90 ? '; lon and lat look swapped (lon comes first)' : '';
  if (lon < -180 || lon > 180) {
    throw new InvalidCoordinatesError(`lon must be between -180 and 180 degrees (WGS 84)${at}, got ${lon}${swapped}`);
  }
  if (lat < -90 || lat > 90) {
    throw new InvalidCoordinatesError(`lat must be between -90 and 90 degrees (WGS 84)${at}, got ${lat}${swapped}`);
  }
}

function fail(path: string, message: string): never {
  throw new InvalidGeoJSONError(`${path}: ${message}`);
}

function checkPosition(value: unknown, path: string): Position {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    fail(path, `a position must be [lon, lat] or [lon, lat, height], got ${JSON.stringify(value)}`);
  }
  for (const n of value) {
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      fail(path, `coordinates must be finite numbers, got ${JSON.stringify(n)}`);
    }
  }
  const [lon, lat] = value as number[];
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    fail(path, `[lon, lat] must be within [-180..180, -90..90] (WGS 84), got [${lon}, ${lat}]`);
  }
  return value as Position;
}

function checkArray(value: unknown, path: string, what: string, min: number): unknown[] {
  if (!Array.isArray(value)) {
    fail(path, `${what} must be an array, got ${JSON.stringify(value)}`);
  }
  if (value.length < min) {
    fail(path, `${what} needs at least ${min} position(s), got ${value.length}`);
  }
  return value;
}

function checkRing(value: unknown, path: string): void {
  const ring = checkArray(value, path, 'a linear ring', 4).map((p, i) => checkPosition(p, `${path}[${i}]`));
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    fail(
      path,
      `a linear ring must be closed (last position equal to the first), got first [${first}] and last [${last}]`,
    );
  }
}

function checkPolygon(value: unknown, path: string): void {
  checkArray(value, path, 'a polygon', 1).forEach((ring, i) => checkRing(ring, `${path}[${i}]`));
}

/**
 * Validates an RFC 7946 geometry: its type, the nesting of its coordinates, finite numbers in
 * WGS 84 range, and closed rings of at least four positions.
 * @param value parsed JSON
 * @param path how to name the value in messages (for example `feature 3 (E05001770).geometry`)
 * @returns the value typed as a Geometry
 * @throws InvalidGeoJSONError that says where and what is wrong
 */
export function validateGeometry(value: unknown, path = 'geometry'): Geometry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, `expected a GeoJSON geometry object, got ${JSON.stringify(value)}`);
  }
  const g = value as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (typeof g.type !== 'string' || !GEOMETRY_TYPES.includes(g.type)) {
    fail(path, `type must be one of ${GEOMETRY_TYPES.join(', ')}, got ${JSON.stringify(g.type)}`);
  }
  const c = g.coordinates;
  const at = `${path}.coordinates`;
  switch (g.type) {
    case 'Point':
      checkPosition(c, at);
      break;
    case 'MultiPoint':
      checkArray(c, at, 'a MultiPoint', 1).forEach((p, i) => checkPosition(p, `${at}[${i}]`));
      break;
    case 'LineString':
      checkArray(c, at, 'a LineString', 2).forEach((p, i) => checkPosition(p, `${at}[${i}]`));
      break;
    case 'MultiLineString':
      checkArray(c, at, 'a MultiLineString', 1).forEach((line, i) =>
        checkArray(line, `${at}[${i}]`, 'a LineString', 2).forEach((p, j) => checkPosition(p, `${at}[${i}][${j}]`)),
      );
      break;
    case 'Polygon':
      checkPolygon(c, at);
      break;
    case 'MultiPolygon':
      checkArray(c, at, 'a MultiPolygon', 1).forEach((poly, i) => checkPolygon(poly, `${at}[${i}]`));
      break;
    case 'GeometryCollection':
      if (!Array.isArray(g.geometries)) {
        fail(path, 'a GeometryCollection needs a "geometries" array');
      }
      g.geometries.forEach((child, i) => validateGeometry(child, `${path}.geometries[${i}]`));
      break;
  }
  return value as Geometry;
}

/**
 * Validates a geometry that must be an area (Polygon or MultiPolygon).
 * @throws InvalidGeoJSONError when it is another type or malformed
 */
export function validatePolygonal(value: unknown, path = 'geometry'): Geometry {
  const geometry = validateGeometry(value, path);
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
    fail(path, `expected a Polygon or MultiPolygon, got ${geometry.type}`);
  }
  return geometry;
}
