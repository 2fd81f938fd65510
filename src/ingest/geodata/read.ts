import fs from 'node:fs';
import path from 'node:path';

import { parse } from 'csv-parse/sync';
import type { Geometry } from 'geojson';

import { InvalidGeoJSONError } from '../../errors';
import { validatePolygonal } from '../../geo/geojson';
import { DEPRIVATION_DOMAINS, EDITIONS } from '../../geography/deprivation';
import { ImportRefusedError } from '../import-refused';

/** A geodata file the loader refuses (nothing written); the message names the file, feature or line, and fault. */
export class GeodataError extends ImportRefusedError {
  constructor(message: string) {
    super(message);
    this.name = 'GeodataError';
  }
}

export interface BoundarySetInfo {
  id: string;
  kind: 'ward' | 'lsoa';
  vintage: number;
  source: string;
  licence: string;
}

export interface UnitFeature {
  code: string;
  name: string;
  geometry: Geometry;
}

export interface AreaGroup {
  code: string;
  name: string;
  wards: string[];
}

export interface DeprivationRecord {
  lsoa: string;
  edition: number;
  domain: string;
  score: number | null;
  rank: number;
  decile: number;
}

/** Everything the loader writes, read and checked before the database is touched. */
export interface GeodataBundle {
  wardSet: BoundarySetInfo;
  wards: UnitFeature[];
  lsoaSet: BoundarySetInfo;
  lsoas: (UnitFeature & { wardCode: string; populationMid2015: number; populationMid2020: number })[];
  deprivation: DeprivationRecord[];
  areasDescription: string;
  areas: AreaGroup[];
  /** Rows left out on purpose, said in the summary (e.g. 2021 LSOAs with no 2011 match). */
  notes: string[];
}

interface LayerSpec {
  file: string;
  boundarySet: string;
  vintage: number;
  codeProperty: string;
  nameProperty: string;
  source: string;
  licence: string;
}

interface Manifest {
  wards: LayerSpec;
  lsoas: LayerSpec;
  lsoaWardLookup: string;
  populationMid2020: string;
  populationMid2015: string;
  deprivation: Record<string, string>;
  areas: string;
}

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new GeodataError(`cannot read ${what} ${file}: ${(err as Error).message}`);
  }
}

function readJson(file: string, what: string): unknown {
  const text = readText(file, what);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new GeodataError(`${path.basename(file)} is not valid JSON: ${(err as Error).message}`);
  }
}

function requireString(obj: Record<string, unknown>, key: string, where: string): string {
  const value = obj[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new GeodataError(`${where}: "${key}" must be a non-empty string, got ${JSON.stringify(value)}`);
  }
  return value.trim();
}

function readManifest(file: string): Manifest {
  const raw = readJson(file, 'manifest') as Record<string, unknown>;
  const where = path.basename(file);
  const layer = (key: string): LayerSpec => {
    const spec = raw[key];
    if (typeof spec !== 'object' || spec === null) {
      throw new GeodataError(`${where}: "${key}" must be an object naming file, boundarySet, vintage, codeProperty, nameProperty, source and licence`);
    }
    const s = spec as Record<string, unknown>;
    const vintage = s.vintage;
    if (typeof vintage !== 'number' || !Number.isInteger(vintage)) {
      throw new GeodataError(`${where}: "${key}.vintage" must be a year, got ${JSON.stringify(vintage)}`);
    }
    return {
      file: requireString(s, 'file', `${where} ${key}`),
      boundarySet: requireString(s, 'boundarySet', `${where} ${key}`),
      vintage,
      codeProperty: requireString(s, 'codeProperty', `${where} ${key}`),
      nameProperty: requireString(s, 'nameProperty', `${where} ${key}`),
      source: requireString(s, 'source', `${where} ${key}`),
      licence: requireString(s, 'licence', `${where} ${key}`),
    };
  };
  const deprivation = raw.deprivation;
  if (typeof deprivation !== 'object' || deprivation === null) {
    throw new GeodataError(`${where}: "deprivation" must map editions (${[...EDITIONS.keys()].join(', ')}) to CSV files`);
  }
  for (const edition of Object.keys(deprivation)) {
    if (!EDITIONS.has(Number(edition))) {
      throw new GeodataError(`${where}: deprivation edition must be one of ${[...EDITIONS.keys()].join(', ')}, got "${edition}"`);
    }
  }
  return {
    wards: layer('wards'),
    lsoas: layer('lsoas'),
    lsoaWardLookup: requireString(raw, 'lsoaWardLookup', where),
    populationMid2020: requireString(raw, 'populationMid2020', where),
    populationMid2015: requireString(raw, 'populationMid2015', where),
    deprivation: deprivation as Record<string, string>,
    areas: requireString(raw, 'areas', where),
  };
}

function readFeatures(file: string, spec: LayerSpec): UnitFeature[] {
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
    const code = requireString(props, spec.codeProperty, `${name} feature ${i}`);
    const unitName = requireString(props, spec.nameProperty, `${name} feature ${i} (${code})`);
    if (seen.has(code)) {
      throw new GeodataError(`${name} feature ${i} (${code}): the code appears twice; codes must be unique`);
    }
    seen.add(code);
    try {
      return { code, name: unitName, geometry: validatePolygonal(f.geometry, `${name} feature ${i} (${code}) geometry`) };
    } catch (err) {
      if (err instanceof InvalidGeoJSONError) {
        throw new GeodataError(err.message);
      }
      throw err;
    }
  });
}

interface CsvRow {
  line: number;
  get(column: string): string;
  has(column: string): boolean;
}

function readCsv(file: string, required: string[]): CsvRow[] {
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

function intField(row: CsvRow, column: string, file: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = row.get(column);
  const value = Number(raw);
  if (raw === '' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`;
    throw new GeodataError(`${path.basename(file)} line ${row.line}: ${column} must be ${range}, got "${raw}"`);
  }
  return value;
}

function scoreField(row: CsvRow, column: string, file: string): number | null {
  if (!row.has(column) || row.get(column) === '') {
    return null;
  }
  const value = Number(row.get(column));
  if (!Number.isFinite(value)) {
    throw new GeodataError(`${path.basename(file)} line ${row.line}: ${column} must be a number, got "${row.get(column)}"`);
  }
  return value;
}

function readDeprivation(file: string, edition: number, lsoaCodes: Set<string>, notes: string[]): DeprivationRecord[] {
  const probe = readCsv(file, ['imd_rank', 'imd_decile']);
  const codeColumn = probe.length > 0 && probe[0].has('lsoa21_code') ? 'lsoa21_code' : 'lsoa_code';
  const rows = readCsv(file, [codeColumn, 'imd_rank', 'imd_decile']);
  const records: DeprivationRecord[] = [];
  const unmatched: string[] = [];
  for (const row of rows) {
    const lsoa = row.get(codeColumn);
    if (!lsoaCodes.has(lsoa)) {
      unmatched.push(lsoa);
      continue;
    }
    for (const domain of DEPRIVATION_DOMAINS) {
      if (!row.has(`${domain}_rank`)) {
        continue;
      }
      records.push({
        lsoa,
        edition,
        domain,
        score: scoreField(row, `${domain}_score`, file),
        rank: intField(row, `${domain}_rank`, file, 1),
        decile: intField(row, `${domain}_decile`, file, 1, 10),
      });
    }
  }
  if (unmatched.length > 0) {
    notes.push(`IoD ${edition}: ${unmatched.length} row(s) whose LSOA is not in the boundary set were left out (${unmatched.slice(0, 5).join(', ')}${unmatched.length > 5 ? ', …' : ''})`);
  }
  return records;
}

function readAreas(file: string, wardCodes: Set<string>): { description: string; areas: AreaGroup[] } {
  const name = path.basename(file);
  const doc = readJson(file, 'areas file') as { description?: unknown; areas?: unknown };
  if (!Array.isArray(doc?.areas) || doc.areas.length === 0) {
    throw new GeodataError(`${name}: expected {"description": "…", "areas": [{"code", "name", "wards": [{"code"}…]}…]} with at least one area`);
  }
  const description = typeof doc.description === 'string' ? doc.description : '';
  const owner = new Map<string, string>();
  const codes = new Set<string>();
  const areas = doc.areas.map((raw: unknown, i: number) => {
    const a = (raw ?? {}) as Record<string, unknown>;
    const code = requireString(a, 'code', `${name} area ${i}`);
    const areaName = requireString(a, 'name', `${name} area ${i} (${code})`);
    if (codes.has(code)) {
      throw new GeodataError(`${name} area ${i} (${code}): the code appears twice; area codes must be unique`);
    }
    codes.add(code);
    if (!Array.isArray(a.wards) || a.wards.length === 0) {
      throw new GeodataError(`${name} area ${i} (${code}): "wards" must list at least one ward; an area cannot be empty`);
    }
    const wards = a.wards.map((w: unknown) => (typeof w === 'string' ? w : String((w as { code?: unknown })?.code)));
    for (const ward of wards) {
      if (!wardCodes.has(ward)) {
        throw new GeodataError(`${name} area ${i} (${code}): ward "${ward}" is not in the ward boundaries`);
      }
      const other = owner.get(ward);
      if (other) {
        throw new GeodataError(`${name}: ward ${ward} is in both ${other} and ${code}; every ward belongs to exactly one area`);
      }
      owner.set(ward, code);
    }
    return { code, name: areaName, wards };
  });
  const unassigned = [...wardCodes].filter((w) => !owner.has(w));
  if (unassigned.length > 0) {
    throw new GeodataError(`${name}: ward(s) ${unassigned.join(', ')} are in no area; every ward belongs to exactly one area`);
  }
  return { description, areas };
}

/**
 * Reads and checks every geodata file a manifest names. Nothing is written; any problem is a
 * GeodataError naming the file, the feature or line, and what is wrong.
 * @param manifestPath the manifest (geodata/manifest.json by default)
 * @param areasPath another area grouping to use instead of the manifest's
 */
export function readGeodata(manifestPath: string, areasPath?: string): GeodataBundle {
  const manifest = readManifest(manifestPath);
  const dir = path.dirname(path.resolve(manifestPath));
  const at = (file: string) => path.resolve(dir, file);
  const notes: string[] = [];

  const wards = readFeatures(at(manifest.wards.file), manifest.wards);
  const lsoaFeatures = readFeatures(at(manifest.lsoas.file), manifest.lsoas);
  const wardCodes = new Set(wards.map((w) => w.code));
  const lsoaCodes = new Set(lsoaFeatures.map((l) => l.code));

  const lookup = new Map<string, string>();
  for (const row of readCsv(at(manifest.lsoaWardLookup), ['lsoa_code', 'ward_code'])) {
    const ward = row.get('ward_code');
    if (!wardCodes.has(ward)) {
      throw new GeodataError(`${manifest.lsoaWardLookup} line ${row.line}: ward ${ward} is not in ${manifest.wards.file}`);
    }
    lookup.set(row.get('lsoa_code'), ward);
  }
  const population = (file: string, column: string) => {
    const map = new Map<string, number>();
    for (const row of readCsv(at(file), ['lsoa_code', column])) {
      map.set(row.get('lsoa_code'), intField(row, column, file, 0));
    }
    return map;
  };
  const pop2020 = population(manifest.populationMid2020, 'population');
  const pop2015 = population(manifest.populationMid2015, 'population_mid2015');

  const lsoas = lsoaFeatures.map((l) => {
    const wardCode = lookup.get(l.code);
    const mid2020 = pop2020.get(l.code);
    const mid2015 = pop2015.get(l.code);
    if (!wardCode) {
      throw new GeodataError(`${manifest.lsoaWardLookup}: LSOA ${l.code} (${l.name}) has no ward; every LSOA needs a best-fit ward`);
    }
    if (mid2020 === undefined || mid2015 === undefined) {
      const file = mid2020 === undefined ? manifest.populationMid2020 : manifest.populationMid2015;
      throw new GeodataError(`${file}: LSOA ${l.code} (${l.name}) has no population`);
    }
    return { ...l, wardCode, populationMid2020: mid2020, populationMid2015: mid2015 };
  });

  const deprivation = Object.entries(manifest.deprivation).flatMap(([edition, file]) =>
    readDeprivation(at(file), Number(edition), lsoaCodes, notes),
  );
  const areas = readAreas(areasPath ? path.resolve(areasPath) : at(manifest.areas), wardCodes);

  const set = (spec: LayerSpec, kind: 'ward' | 'lsoa'): BoundarySetInfo => ({
    id: spec.boundarySet,
    kind,
    vintage: spec.vintage,
    source: spec.source,
    licence: spec.licence,
  });
  return {
    wardSet: set(manifest.wards, 'ward'),
    wards,
    lsoaSet: set(manifest.lsoas, 'lsoa'),
    lsoas,
    deprivation,
    areasDescription: areas.description,
    areas: areas.areas,
    notes,
  };
}

/**
 * The real incident files a manifest ships (police.uk CSV), which a new hub imports on first start.
 * @returns absolute paths; empty when the manifest lists none
 */
export function incidentFilesOf(manifestPath: string): string[] {
  const raw = readJson(manifestPath, 'manifest') as { incidents?: unknown };
  const list = Array.isArray(raw.incidents) ? raw.incidents : [];
  return list.map((file) => path.resolve(path.dirname(path.resolve(manifestPath)), String(file)));
}

/** The police neighbourhood layer a manifest ships, which a new hub imports on first start. */
export function neighbourhoodLayerOf(manifestPath: string): { file: string; force: string; synthetic: boolean } | null {
  const raw = readJson(manifestPath, 'manifest') as { policeNeighbourhoods?: { file?: unknown; force?: unknown; synthetic?: unknown } };
  const layer = raw.policeNeighbourhoods;
  if (!layer || typeof layer.file !== 'string') {
    return null;
  }
  return {
    file: path.resolve(path.dirname(path.resolve(manifestPath)), layer.file),
    force: typeof layer.force === 'string' ? layer.force : 'derbyshire',
    synthetic: layer.synthetic === true,
  };
}
