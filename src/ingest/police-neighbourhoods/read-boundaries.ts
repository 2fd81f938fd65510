import fs from 'node:fs';
import path from 'node:path';

import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import type { Geometry, MultiPolygon, Position } from 'geojson';

import { checkInputFile, ImportRefusedError } from '../import-refused';

/** What the importer takes, for messages. */
export const BOUNDARY_FILE = 'police neighbourhood boundaries (data.police.uk boundary JSON, KML or GeoJSON)';

/** One neighbourhood read from a file, with what had to be fixed on the way. */
export interface ReadNeighbourhood {
  code: string;
  name: string;
  geometry: MultiPolygon;
  notes: string[];
}

/**
 * The rings of one polygon, checked: a hole that has collapsed to fewer than 3 distinct points
 * (slivers rounded away) is dropped and said so; a collapsed outer ring refuses the file.
 */
function polygonRings(rings: Position[][], where: string, notes: string[]): Position[][] {
  return rings.flatMap((r, i) => {
    if (i > 0 && new Set(r.map((p) => `${p[0]},${p[1]}`)).size < 3) {
      notes.push(`${where}: dropped a hole of fewer than 3 distinct points`);
      return [];
    }
    return [ring(r, where, notes)];
  });
}

function ring(points: Position[], where: string, notes: string[]): Position[] {
  for (const [lon, lat] of points) {
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
      throw new ImportRefusedError(`${where}: a point is not a WGS 84 longitude and latitude: [${lon}, ${lat}]`);
    }
  }
  const distinct = new Set(points.map((p) => `${p[0]},${p[1]}`));
  if (distinct.size < 3) {
    throw new ImportRefusedError(`${where}: a ring needs at least 3 distinct points, got ${distinct.size}`);
  }
  const first = points[0];
  const last = points[points.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    notes.push(`${where}: ring was not closed; closed it`);
    return [...points, first];
  }
  return points;
}

/** data.police.uk's neighbourhood boundary: [{"latitude": "…", "longitude": "…"}, …], one neighbourhood. */
function fromPoliceJson(doc: unknown, file: string): ReadNeighbourhood[] {
  const code = path.basename(file).replace(/\.json$/i, '');
  const notes: string[] = [];
  const points = (doc as { latitude?: unknown; longitude?: unknown }[]).map((p, i) => {
    const lat = Number(p?.latitude);
    const lon = Number(p?.longitude);
    if (p?.latitude === undefined || p?.longitude === undefined) {
      throw new ImportRefusedError(
        `${path.basename(file)} point ${i}: expected {"latitude", "longitude"}, got ${JSON.stringify(p)}`,
      );
    }
    return [lon, lat];
  });
  return [
    {
      code,
      name: code,
      geometry: { type: 'MultiPolygon', coordinates: [[ring(points, path.basename(file), notes)]] },
      notes,
    },
  ];
}

/** The polygons of a feature's geometry (a GeometryCollection is what KML's MultiGeometry becomes). */
function polygonsOf(g: Geometry | null | undefined): Position[][][] | null {
  if (g?.type === 'Polygon') {
    return [g.coordinates];
  }
  if (g?.type === 'MultiPolygon') {
    return g.coordinates;
  }
  if (g?.type === 'GeometryCollection' && g.geometries.length > 0) {
    const parts = g.geometries.map(polygonsOf);
    return parts.every((p) => p !== null) ? (parts as Position[][][][]).flat() : null;
  }
  return null;
}

/**
 * One neighbourhood from each feature, its code read by `codeOf`; heights (KML's third
 * coordinate) are dropped.
 */
function fromFeatures(
  features: readonly unknown[],
  label: (i: number) => string,
  codeOf: (props: Record<string, unknown>, i: number) => string,
): ReadNeighbourhood[] {
  return features.map((raw, i) => {
    const f = raw as { properties?: Record<string, unknown> | null; geometry?: Geometry | null };
    const props = f.properties ?? {};
    const code = codeOf(props, i);
    const where = `${label(i)} (${code})`;
    const notes: string[] = [];
    const polygons = polygonsOf(f.geometry);
    if (!polygons) {
      throw new ImportRefusedError(
        `${where}: expected a Polygon or MultiPolygon, got ${JSON.stringify(f.geometry?.type)}`,
      );
    }
    const coordinates = polygons.map((rings) =>
      polygonRings(
        rings.map((r) => r.map((p) => [p[0], p[1]])),
        where,
        notes,
      ),
    );
    return { code, name: String(props.name ?? code), geometry: { type: 'MultiPolygon', coordinates }, notes };
  });
}

function fromGeoJson(doc: { features?: unknown[] }, file: string): ReadNeighbourhood[] {
  const name = path.basename(file);
  return fromFeatures(
    doc.features ?? [],
    (i) => `${name} feature ${i}`,
    (props, i) => {
      const code = String(props.id ?? props.code ?? props.neighbourhood ?? '');
      if (!code) {
        throw new ImportRefusedError(`${name} feature ${i}: needs an "id" (or "code") property`);
      }
      return code;
    },
  );
}

/** KML as data.police.uk publishes it: one Placemark per neighbourhood, named by its code. */
function fromKml(text: string, file: string): ReadNeighbourhood[] {
  const name = path.basename(file);
  let problem: string | null = null;
  let doc;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') {
          problem ??= message;
          throw new Error(message);
        }
      },
    }).parseFromString(text, 'text/xml');
  } catch (err) {
    throw new ImportRefusedError(`${name} is not valid KML: ${problem ?? (err as Error).message}`);
  }
  const features = kml(doc).features;
  if (features.length === 0) {
    throw new ImportRefusedError(`${name}: no <Placemark> found; expected KML as data.police.uk publishes it`);
  }
  return fromFeatures(
    features,
    (i) => `${name} placemark ${i}`,
    (props, i) => String(props.name ?? '') || `neighbourhood ${i + 1}`,
  );
}

/**
 * Reads police neighbourhood boundaries in the forms data.police.uk publishes: its boundary JSON
 * (an array of {latitude, longitude} strings, one neighbourhood per file, named by the file),
 * KML (one neighbourhood per Placemark), or a GeoJSON FeatureCollection (an "id" and "name" per
 * feature). Unclosed rings are closed and said so.
 * @throws ImportRefusedError naming the file and what cannot be read
 */
export function readBoundaryFile(file: string): ReadNeighbourhood[] {
  checkInputFile(file, BOUNDARY_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ImportRefusedError(`cannot read ${file}: ${(err as Error).message}`);
  }
  if (text.trim() === '') {
    throw new ImportRefusedError(`${path.basename(file)} is empty`);
  }
  if (/\.kml$/i.test(file) || text.trimStart().startsWith('<')) {
    return fromKml(text, file);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ImportRefusedError(`${path.basename(file)} is neither KML nor valid JSON: ${(err as Error).message}`);
  }
  if (Array.isArray(doc)) {
    return fromPoliceJson(doc, file);
  }
  if ((doc as { type?: unknown }).type === 'FeatureCollection') {
    return fromGeoJson(doc as { features?: unknown[] }, file);
  }
  throw new ImportRefusedError(
    `${path.basename(file)}: expected data.police.uk boundary JSON (an array of {latitude, longitude}), a GeoJSON FeatureCollection or KML`,
  );
}
