import path from 'node:path';

import { area as geodesicArea } from '@turf/turf';
import type { Geometry } from 'geojson';

import { DEPRIVATION_DOMAINS } from '../../geography/deprivation';
import type { BoundarySetRow } from '../../geography/geography.service';

import { dateField, GeodataError, intField, readCsv, readFeatures, readJson, requireString, scoreField, type UnitFeature } from './files';
import { type ColumnsSpec, type LayerSpec, readManifest } from './manifest';

export { GeodataError } from './files';
export { incidentFilesOf, neighbourhoodLayerOf } from './manifest';

/**
 * A boundary set as the loader writes it: the row the geography service reads back. Its dates:
 * from the latest start, in the code history, of the codes the set's file brings, to the day
 * before the next set of the kind starts (null for the newest, current set).
 */
export type BoundarySetInfo = BoundarySetRow;

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

export interface WardSetData {
  set: BoundarySetInfo;
  wards: UnitFeature[];
  /** Each LSOA of the paired LSOA set to its best-fit ward in this set. */
  lookup: { lsoa: string; ward: string }[];
  /** False when the grouping file names none of its wards: their areas are carried over by the crosswalk. */
  grouped: boolean;
}

export interface LsoaData extends UnitFeature {
  setId: string;
  validFrom: string;
  validTo: string | null;
  populationMid2015: number;
  populationMid2020: number;
}

/** Everything the loader writes, read and checked before the database is touched. */
export interface GeodataBundle {
  /** Oldest first; the last is current. */
  wardSets: WardSetData[];
  lsoaSets: BoundarySetInfo[];
  /** Every LSOA of every set, once (the sets share most codes). */
  lsoas: LsoaData[];
  deprivation: DeprivationRecord[];
  areasDescription: string;
  areas: AreaGroup[];
  /** Said in the summary: rows left out on purpose, figures estimated. */
  notes: string[];
}

interface HistoryEntry {
  name: string;
  start: string;
  end: string | null;
}

function readHistory(file: string, spec: ColumnsSpec): Map<string, HistoryEntry> {
  const history = new Map<string, HistoryEntry>();
  for (const row of readCsv(file, [spec.from, spec.to, 'start', 'end'])) {
    history.set(row.get(spec.from), {
      name: row.get(spec.to),
      start: dateField(row, 'start', file, false) as string,
      end: dateField(row, 'end', file, true),
    });
  }
  return history;
}

/** Every feature's code and name must be in the code history as given there. */
function checkAgainstHistory(features: UnitFeature[], history: Map<string, HistoryEntry>, file: string, historyFile: string): HistoryEntry[] {
  return features.map((f) => {
    const entry = history.get(f.code);
    if (!entry) {
      throw new GeodataError(`${file}: ${f.code} (${f.name}) is not in the code history ${historyFile}`);
    }
    if (entry.name !== f.name) {
      throw new GeodataError(`${file}: ${f.code} is named "${f.name}" but the code history ${historyFile} names it "${entry.name}"`);
    }
    return entry;
  });
}

function dayBefore(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Sets of one kind in time order, each ending the day before the next starts. */
function datedSets(specs: LayerSpec[], starts: string[], kind: 'ward' | 'lsoa', lsoaSets: (string | null)[]): BoundarySetInfo[] {
  return specs.map((spec, i) => {
    if (i > 0 && starts[i] <= starts[i - 1]) {
      throw new GeodataError(`manifest ${kind}s: list the sets oldest first; ${spec.boundarySet} starts ${starts[i]}, not after ${specs[i - 1].boundarySet} (${starts[i - 1]})`);
    }
    return {
      id: spec.boundarySet,
      kind,
      vintage: spec.vintage,
      source: spec.source,
      licence: spec.licence,
      validFrom: starts[i],
      validTo: i + 1 < specs.length ? dayBefore(starts[i + 1]) : null,
      lsoaSetId: lsoaSets[i],
    };
  });
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
    notes.push(`IoD ${edition}: ${unmatched.length} row(s) whose LSOA is in no boundary set were left out (${unmatched.slice(0, 5).join(', ')}${unmatched.length > 5 ? ', …' : ''})`);
  }
  return records;
}

/**
 * The grouping of wards into areas. A ward set is either grouped in full (every ward in exactly
 * one area) or not named at all, in which case its areas are carried over by the crosswalk.
 */
function readAreas(file: string, wardSets: { id: string; codes: Set<string> }[]): { description: string; areas: AreaGroup[] } {
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
      if (!wardSets.some((s) => s.codes.has(ward))) {
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
  for (const set of wardSets) {
    const unassigned = [...set.codes].filter((w) => !owner.has(w));
    if (unassigned.length > 0 && unassigned.length < set.codes.size) {
      throw new GeodataError(`${name}: ward(s) ${unassigned.join(', ')} are in no area; every ward belongs to exactly one area`);
    }
  }
  if (!wardSets.some((s) => [...s.codes].some((w) => owner.has(w)))) {
    throw new GeodataError(`${name}: the grouping names no ward of any set; group at least one set in full`);
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
  const wardHistory = readHistory(at(manifest.codeHistory.wards.file), manifest.codeHistory.wards);
  const lsoaHistory = readHistory(at(manifest.codeHistory.lsoas.file), manifest.codeHistory.lsoas);

  const lsoaFiles = manifest.lsoas.map((spec) => {
    const features = readFeatures(at(spec.file), spec.codeProperty, spec.nameProperty);
    return { spec, features, entries: checkAgainstHistory(features, lsoaHistory, spec.file, manifest.codeHistory.lsoas.file) };
  });
  const lsoaSets = datedSets(
    manifest.lsoas,
    lsoaFiles.map((f) => f.entries.map((e) => e.start).reduce((a, b) => (a > b ? a : b))),
    'lsoa',
    manifest.lsoas.map(() => null),
  );
  const byCode = new Map<string, UnitFeature & { setId: string; entry: HistoryEntry; replaces: string | null }>();
  const members = new Map<string, Set<string>>();
  lsoaFiles.forEach(({ spec, features, entries }, i) => {
    const set = lsoaSets[i];
    const codes = new Set(features.map((f) => f.code));
    if (spec.carriesOver && i > 0) {
      for (const code of members.get(lsoaSets[i - 1].id) ?? []) {
        const end = byCode.get(code)?.entry.end;
        if (end === null || end === undefined || end >= set.validFrom) {
          codes.add(code);
        }
      }
    }
    members.set(set.id, codes);
    features.forEach((f, j) => {
      if (!byCode.has(f.code)) {
        const replaces = spec.replacesProperty ? String(f.properties[spec.replacesProperty] ?? '') || null : null;
        byCode.set(f.code, { ...f, setId: set.id, entry: entries[j], replaces });
      }
    });
  });

  const population = (file: string, column: string) => {
    const map = new Map<string, number>();
    for (const row of readCsv(at(file), ['lsoa_code', column])) {
      map.set(row.get('lsoa_code'), intField(row, column, file, 0));
    }
    return map;
  };
  const pop2020 = population(manifest.populationMid2020, 'population');
  const pop2015 = population(manifest.populationMid2015, 'population_mid2015');
  const successors = new Map<string, { code: string; land: number }[]>();
  for (const l of byCode.values()) {
    if (l.replaces && !pop2020.has(l.code)) {
      successors.set(l.replaces, [...(successors.get(l.replaces) ?? []), { code: l.code, land: geodesicArea(l.geometry as Geometry) }]);
    }
  }
  const estimated = (pop: Map<string, number>, l: { code: string; replaces: string | null }): number | undefined => {
    const parts = l.replaces ? successors.get(l.replaces) : undefined;
    const whole = l.replaces ? pop.get(l.replaces) : undefined;
    if (!parts || whole === undefined) {
      return undefined;
    }
    const land = parts.reduce((s, p) => s + p.land, 0);
    return Math.round((whole * (parts.find((p) => p.code === l.code)?.land ?? 0)) / land);
  };
  const lsoas: LsoaData[] = [...byCode.values()].map((l) => {
    const mid2020 = pop2020.get(l.code) ?? estimated(pop2020, l);
    const mid2015 = pop2015.get(l.code) ?? estimated(pop2015, l);
    if (mid2020 === undefined || mid2015 === undefined) {
      const file = mid2020 === undefined ? manifest.populationMid2020 : manifest.populationMid2015;
      throw new GeodataError(`${file}: LSOA ${l.code} (${l.name}) has no population`);
    }
    if (!pop2020.has(l.code)) {
      notes.push(`LSOA ${l.code} (${l.name}): population estimated from ${l.replaces}'s by its share of the land`);
    }
    const { code, name, geometry, properties, setId, entry } = l;
    return { code, name, geometry, properties, setId, validFrom: entry.start, validTo: entry.end, populationMid2015: mid2015, populationMid2020: mid2020 };
  });

  const wardFiles = manifest.wards.map((spec) => {
    const wards = readFeatures(at(spec.file), spec.codeProperty, spec.nameProperty);
    return { spec, wards, entries: checkAgainstHistory(wards, wardHistory, spec.file, manifest.codeHistory.wards.file) };
  });
  const seenWards = new Map<string, string>();
  for (const { spec, wards } of wardFiles) {
    for (const w of wards) {
      const other = seenWards.get(w.code);
      if (other) {
        throw new GeodataError(`${spec.file}: ward ${w.code} is also in ${other}; a ward code belongs to one set`);
      }
      seenWards.set(w.code, spec.file);
    }
  }
  const wardSetInfos = datedSets(
    manifest.wards,
    wardFiles.map((f) => f.entries.map((e) => e.start).reduce((a, b) => (a > b ? a : b))),
    'ward',
    manifest.wards.map((w) => w.lsoaSet),
  );
  const areas = readAreas(
    areasPath ? path.resolve(areasPath) : at(manifest.areas),
    wardFiles.map((f, i) => ({ id: wardSetInfos[i].id, codes: new Set(f.wards.map((w) => w.code)) })),
  );
  const grouped = new Set(areas.areas.flatMap((a) => a.wards));
  const wardSets = wardFiles.map(({ spec, wards }, i) => {
    const codes = new Set(wards.map((w) => w.code));
    const lookup: { lsoa: string; ward: string }[] = [];
    const lsoaMembers = members.get(spec.lsoaSet) as Set<string>;
    for (const row of readCsv(at(spec.lookup.file), [spec.lookup.from, spec.lookup.to])) {
      const lsoa = row.get(spec.lookup.from);
      const ward = row.get(spec.lookup.to);
      if (!codes.has(ward)) {
        throw new GeodataError(`${spec.lookup.file} line ${row.line}: ward ${ward} is not in ${spec.file}`);
      }
      if (lsoaMembers.has(lsoa)) {
        lookup.push({ lsoa, ward });
      }
    }
    const matched = new Set(lookup.map((k) => k.lsoa));
    const missing = [...lsoaMembers].filter((l) => !matched.has(l));
    if (missing.length > 0) {
      throw new GeodataError(`${spec.lookup.file}: LSOA ${missing.slice(0, 5).join(', ')} of ${spec.lsoaSet} has no ward; every LSOA needs a best-fit ward`);
    }
    return { set: wardSetInfos[i], wards, lookup, grouped: wards.some((w) => grouped.has(w.code)) };
  });
  if (!wardSets[0].grouped) {
    throw new GeodataError(`${path.basename(areasPath ?? manifest.areas)}: group the oldest ward set (${wardSets[0].set.id}); later sets can be carried over, not the first`);
  }

  const lsoaCodes = new Set(lsoas.map((l) => l.code));
  const deprivation = Object.entries(manifest.deprivation).flatMap(([edition, file]) =>
    readDeprivation(at(file), Number(edition), lsoaCodes, notes),
  );
  return { wardSets, lsoaSets, lsoas, deprivation, areasDescription: areas.description, areas: areas.areas, notes };
}
