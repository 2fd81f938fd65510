import fs from 'node:fs';
import path from 'node:path';

import { XMLParser } from 'fast-xml-parser';
import type { MultiPolygon, Position } from 'geojson';

/** A boundary file the importer cannot read; nothing is written. */
export class BoundaryFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BoundaryFileError';
  }
}

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
      throw new BoundaryFileError(`${where}: a point is not a WGS 84 longitude and latitude: [${lon}, ${lat}]`);
    }
  }
  const distinct = new Set(points.map((p) => `${p[0]},${p[1]}`));
  if (distinct.size < 3) {
    throw new BoundaryFileError(`${where}: a ring needs at least 3 distinct points, got ${distinct.size}`);
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
      throw new BoundaryFileError(
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

function fromGeoJson(doc: { features?: unknown[] }, file: string): ReadNeighbourhood[] {
  return (doc.features ?? []).map((raw, i) => {
    const f = raw as { properties?: Record<string, unknown>; geometry?: { type?: string; coordinates?: unknown } };
    const props = f.properties ?? {};
    const code = String(props.id ?? props.code ?? props.neighbourhood ?? '');
    if (!code) {
      throw new BoundaryFileError(`${path.basename(file)} feature ${i}: needs an "id" (or "code") property`);
    }
    const where = `${path.basename(file)} feature ${i} (${code})`;
    const notes: string[] = [];
    const g = f.geometry;
    const polygons =
      g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? (g.coordinates as unknown[]) : null;
    if (!polygons) {
      throw new BoundaryFileError(`${where}: expected a Polygon or MultiPolygon, got ${JSON.stringify(g?.type)}`);
    }
    const coordinates = (polygons as Position[][][]).map((rings) => polygonRings(rings, where, notes));
    return { code, name: String(props.name ?? code), geometry: { type: 'MultiPolygon', coordinates }, notes };
  });
}

function collect(node: unknown, key: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) {
    node.forEach((n) => collect(n, key, out));
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === key) {
        (Array.isArray(v) ? v : [v]).forEach((x) => out.push(x));
      } else {
        collect(v, key, out);
      }
    }
  }
  return out;
}

function kmlRing(text: unknown): Position[] {
  return String(text ?? '')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((tuple) => tuple.split(',').slice(0, 2).map(Number));
}

function fromKml(text: string, file: string): ReadNeighbourhood[] {
  let doc: unknown;
  try {
    doc = new XMLParser({ ignoreAttributes: true, parseTagValue: false }).parse(text, true);
  } catch (err) {
    throw new BoundaryFileError(`${path.basename(file)} is not valid KML: ${(err as Error).message}`);
  }
  const placemarks = collect(doc, 'Placemark');
  if (placemarks.length === 0) {
    throw new BoundaryFileError(
      `${path.basename(file)}: no <Placemark> found; expected KML as data.police.uk publishes it`,
    );
  }
  return placemarks.map((pm, i) => {
    const name = String((pm as { name?: unknown }).name ?? `neighbourhood ${i + 1}`);
    const where = `${path.basename(file)} placemark ${i} (${name})`;
    const notes: string[] = [];
    const coordinates = collect(pm, 'Polygon').map((poly) => {
      const outer = collect(collect(poly, 'outerBoundaryIs'), 'coordinates');
      const inner = collect(collect(poly, 'innerBoundaryIs'), 'coordinates');
      return polygonRings([...outer, ...inner].map(kmlRing), where, notes);
    });
    if (coordinates.length === 0) {
      throw new BoundaryFileError(`${where}: no <Polygon> in it`);
    }
    return { code: name, name, geometry: { type: 'MultiPolygon', coordinates }, notes };
  });
}

/**
 * Reads police neighbourhood boundaries in the forms data.police.uk publishes: its boundary JSON
 * (an array of {latitude, longitude} strings, one neighbourhood per file, named by the file),
 * KML (one neighbourhood per Placemark), or a GeoJSON FeatureCollection (an "id" and "name" per
 * feature). Unclosed rings are closed and said so.
 * @throws BoundaryFileError naming the file and what cannot be read
 */
export function readBoundaryFile(file: string): ReadNeighbourhood[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new BoundaryFileError(`cannot read ${file}: ${(err as Error).message}`);
  }
  if (text.trim() === '') {
    throw new BoundaryFileError(`${path.basename(file)} is empty`);
  }
  if (/\.kml$/i.test(file) || text.trimStart().startsWith('<')) {
    return fromKml(text, file);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new BoundaryFileError(`${path.basename(file)} is neither KML nor valid JSON: ${(err as Error).message}`);
  }
  if (Array.isArray(doc)) {
    return fromPoliceJson(doc, file);
  }
  if ((doc as { type?: unknown }).type === 'FeatureCollection') {
    return fromGeoJson(doc as { features?: unknown[] }, file);
  }
  throw new BoundaryFileError(
    `${path.basename(file)}: expected data.police.uk boundary JSON (an array of {latitude, longitude}), a GeoJSON FeatureCollection or KML`,
  );
}
