import path from 'node:path';

import { EDITIONS } from '../../geography/deprivation';

import { GeodataError, readJson, requireString } from './files';

/** One boundary file and the set it is: codes and names from two properties, with source and licence. */
export interface LayerSpec {
  file: string;
  boundarySet: string;
  vintage: number;
  codeProperty: string;
  nameProperty: string;
  source: string;
  licence: string;
}

/** A CSV read by two named columns (a lookup from one code to another, or a code history). */
export interface ColumnsSpec {
  file: string;
  from: string;
  to: string;
}

export interface WardLayerSpec extends LayerSpec {
  /** The LSOA set this ward set's best-fit lookup and roll-ups use. */
  lsoaSet: string;
  /** LSOA code (`from`) to this set's ward code (`to`). */
  lookup: ColumnsSpec;
}

export interface LsoaLayerSpec extends LayerSpec {
  /** The set is the previous LSOA set's codes still live plus this file's features. */
  carriesOver: boolean;
  /** The property naming the earlier LSOA a feature replaces (its population is shared out by land). */
  replacesProperty: string | null;
}

export interface Manifest {
  /** Ward sets, oldest first. */
  wards: WardLayerSpec[];
  /** LSOA sets, oldest first. */
  lsoas: LsoaLayerSpec[];
  /** ONS code histories: code (`from`) and name (`to`) columns, with `start` and `end`. */
  codeHistory: { wards: ColumnsSpec; lsoas: ColumnsSpec };
  populationMid2020: string;
  populationMid2015: string;
  deprivation: Record<string, string>;
  areas: string;
}

type Raw = Record<string, unknown>;

function object(value: unknown, where: string, expected: string): Raw {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GeodataError(`${where} must be an object naming ${expected}, got ${JSON.stringify(value)}`);
  }
  return value as Raw;
}

function list(value: unknown, where: string, expected: string): Raw[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new GeodataError(`${where} must be a list (oldest set first) of objects naming ${expected}, got ${JSON.stringify(value)}`);
  }
  return value.map((v, i) => object(v, `${where}[${i}]`, expected));
}

const LAYER_KEYS = 'file, boundarySet, vintage, codeProperty, nameProperty, source and licence';

function layer(s: Raw, where: string): LayerSpec {
  const vintage = s.vintage;
  if (typeof vintage !== 'number' || !Number.isInteger(vintage)) {
    throw new GeodataError(`${where}.vintage must be a year, got ${JSON.stringify(vintage)}`);
  }
  return {
    file: requireString(s, 'file', where),
    boundarySet: requireString(s, 'boundarySet', where),
    vintage,
    codeProperty: requireString(s, 'codeProperty', where),
    nameProperty: requireString(s, 'nameProperty', where),
    source: requireString(s, 'source', where),
    licence: requireString(s, 'licence', where),
  };
}

function columns(value: unknown, where: string): ColumnsSpec {
  const s = object(value, where, 'file, from and to (column names)');
  return { file: requireString(s, 'file', where), from: requireString(s, 'from', where), to: requireString(s, 'to', where) };
}

/**
 * Reads and checks a geodata manifest: which files make each ward and LSOA set, the lookups
 * between them, the code histories, populations, deprivation editions and the area grouping.
 */
export function readManifest(file: string): Manifest {
  const raw = object(readJson(file, 'manifest'), path.basename(file), 'wards, lsoas, codeHistory and the data files');
  const where = path.basename(file);
  const lsoas = list(raw.lsoas, `${where} "lsoas"`, LAYER_KEYS).map((s, i) => ({
    ...layer(s, `${where} lsoas[${i}]`),
    carriesOver: s.carriesOver === true,
    replacesProperty: typeof s.replacesProperty === 'string' ? s.replacesProperty : null,
  }));
  const lsoaSets = new Set(lsoas.map((l) => l.boundarySet));
  const wards = list(raw.wards, `${where} "wards"`, `${LAYER_KEYS}, lsoaSet and lookup`).map((s, i) => {
    const at = `${where} wards[${i}]`;
    const lsoaSet = requireString(s, 'lsoaSet', at);
    if (!lsoaSets.has(lsoaSet)) {
      throw new GeodataError(`${at}.lsoaSet must name one of the LSOA sets (${[...lsoaSets].join(', ')}), got "${lsoaSet}"`);
    }
    return { ...layer(s, at), lsoaSet, lookup: columns(s.lookup, `${at}.lookup`) };
  });
  const history = object(raw.codeHistory, `${where} "codeHistory"`, 'wards and lsoas, each {file, from, to}');
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
    wards,
    lsoas,
    codeHistory: { wards: columns(history.wards, `${where} codeHistory.wards`), lsoas: columns(history.lsoas, `${where} codeHistory.lsoas`) },
    populationMid2020: requireString(raw, 'populationMid2020', where),
    populationMid2015: requireString(raw, 'populationMid2015', where),
    deprivation: deprivation as Record<string, string>,
    areas: requireString(raw, 'areas', where),
  };
}

/**
 * The real incident files a manifest ships (police.uk CSV), which a new hub imports on first start.
 * @returns absolute paths; empty when the manifest lists none
 */
export function incidentFilesOf(manifestPath: string): string[] {
  const raw = readJson(manifestPath, 'manifest') as { incidents?: unknown };
  const files = Array.isArray(raw.incidents) ? raw.incidents : [];
  return files.map((file) => path.resolve(path.dirname(path.resolve(manifestPath)), String(file)));
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

/** The ward set ids a manifest names, for a start to tell whether the database holds them all. */
export function wardSetsOf(manifestPath: string): string[] {
  return readManifest(manifestPath).wards.map((w) => w.boundarySet);
}
