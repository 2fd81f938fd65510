import fs from 'node:fs';
import path from 'node:path';

import { parse } from 'csv-parse/sync';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

import { PROJECT_ROOT } from '../../src/paths';

/** The shipped geodata folder. */
export const GEODATA = path.join(PROJECT_ROOT, 'geodata');

/** A shipped CSV as records keyed by header; the tests compute expectations from these directly. */
export function csv(name: string): Record<string, string>[] {
  return parse(fs.readFileSync(path.join(GEODATA, name), 'utf8'), { columns: true, bom: true });
}

/** A shipped GeoJSON FeatureCollection. */
export function geojson(name: string): FeatureCollection<Polygon | MultiPolygon> {
  return JSON.parse(fs.readFileSync(path.join(GEODATA, name), 'utf8'));
}
