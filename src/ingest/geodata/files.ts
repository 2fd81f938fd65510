import fs from 'node:fs';
import path from 'node:path';

import { parse } from 'csv-parse/sync';
import type { Geometry } from 'geojson';

import { InvalidGeoJSONError } from '../../errors';
import { validatePolygonal } from '../../geo/geojson';
import { ImportRefusedError } from '../import-refused';

/** A geodata file the loader refuses (nothing written); the message names the file, feature or line, and fault. */
export class GeodataError extends ImportRefusedError {
  constructor(message: string) {
    super(message);
    this.name = 'GeodataError';
  }
}

export interface UnitFeature {
  code: string;
  name: string;
  geometry: Geometry;
  /** The feature's other properties, as the file gives them. */
  properties: Record<string, unknown>;
}

export function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new GeodataError(`cannot read ${what} ${file}: ${(err as Error).message}`);
  }
}

export function readJson(file: string, what: string): unknown {
  const text = readText(file, what);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new GeodataError(`${path.basename(file)} is not valid JSON: ${(err as Error).message}`);
  }
}

export function requireString(obj: Record<string, unknown>, key: string, where: string): string {
  const value = obj[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new GeodataError(`${where}: "${key}" must be a non-empty string, got ${JSON.stringify(value)}`);
  }
  return value.trim();
}

/** A boundary file's features with their code and name, each outline checked (RFC 7946 polygonal). */
export function readFeatures(file: string, codeProperty: string, nameProperty: string): UnitFeature[] {
  const name = path.basename(file);
  const doc = readJson(file, 'boundary file') as { type?: unknown; features?: unknown };
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    throw new GeodataError(`${name}: expected a GeoJSON FeatureCollection with a "features" array, got type ${JSON.stringify(doc?.type)}`);
  }
  if (doc.features.length === 0) {
    throw new GeodataError(`${name}: the FeatureCollection has no features`);
  }
  const seen = new Set<string>();
  return doc.features.map((feature: unknown, i: number) => {
    const f = (feature ?? {}) as { properties?: Record<string, unknown>; geometry?: unknown };
    const props = f.properties ?? {};
    const code = requireString(props, codeProperty, `${name} feature ${i}`);
    const unitName = requireString(props, nameProperty, `${name} feature ${i} (${code})`);
    if (seen.has(code)) {
      throw new GeodataError(`${name} feature ${i} (${code}): the code appears twice; codes must be unique`);
    }
    seen.add(code);
    try {
      const geometry = validatePolygonal(f.geometry, `${name} feature ${i} (${code}) geometry`);
      return { code, name: unitName, geometry, properties: props };
    } catch (err) {
      if (err instanceof InvalidGeoJSONError) {
        throw new GeodataError(err.message);
      }
      throw err;
    }
  });
}

export interface CsvRow {
  line: number;
  get(column: string): string;
  has(column: string): boolean;
}

export function readCsv(file: string, required: string[]): CsvRow[] {
  const name = path.basename(file);
  const text = readText(file, 'CSV file');
  if (text.trim() === '') {
    throw new GeodataError(`${name} is empty; expected a header with ${required.join(', ')}`);
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false });
  } catch (err) {
    throw new GeodataError(`${name} is not valid CSV: ${(err as Error).message}`);
  }
  const header = records[0].map((h) => h.trim());
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new GeodataError(`${name}: missing column(s) ${missing.join(', ')}; the header is ${header.join(',')}`);
  }
  const index = new Map(header.map((h, i) => [h, i]));
  return records.slice(1).map((values, i) => ({
    line: i + 2,
    has: (column) => index.has(column),
    get: (column) => (values[index.get(column) as number] ?? '').trim(),
  }));
}

export function intField(row: CsvRow, column: string, file: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = row.get(column);
  const value = Number(raw);
  if (raw === '' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`;
    throw new GeodataError(`${path.basename(file)} line ${row.line}: ${column} must be ${range}, got "${raw}"`);
  }
  return value;
}

export function scoreField(row: CsvRow, column: string, file: string): number | null {
  if (!row.has(column) || row.get(column) === '') {
    return null;
  }
  const value = Number(row.get(column));
  if (!Number.isFinite(value)) {
    throw new GeodataError(`${path.basename(file)} line ${row.line}: ${column} must be a number, got "${row.get(column)}"`);
  }
  return value;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO date column (YYYY-MM-DD); empty gives null when `optional`. */
export function dateField(row: CsvRow, column: string, file: string, optional: boolean): string | null {
  const raw = row.get(column);
  if (raw === '' && optional) {
    return null;
  }
  if (!ISO_DATE.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) {
    throw new GeodataError(`${path.basename(file)} line ${row.line}: ${column} must be a date (YYYY-MM-DD), got "${raw}"`);
  }
  return raw;
}
