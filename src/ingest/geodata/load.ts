import type { DataSource } from 'typeorm';

import { type Db, withRetriedTransaction } from '../../db/db';
import { sqlFile } from '../../db/sql';
import { splitAreas } from '../../geography/contiguity';
import { GeographyService } from '../../geography/geography.service';
import { IncidentsService } from '../../incidents/incidents.service';
import { allowLongStatements } from '../long-statements';

import { carryAreas } from './carry-areas';
import { type BoundarySetInfo, type GeodataBundle, GeodataError, readGeodata } from './read';

/** What a load wrote, for the summary line. */
export interface GeodataReport {
  areas: number;
  /** Wards of every set. */
  wards: number;
  /** Ward sets, oldest first, with their validity. */
  wardSets: { id: string; wards: number; validFrom: string; validTo: string | null }[];
  lsoas: number;
  deprivationRows: number;
  lsoaWardShares: number;
  /** Rows of the crosswalk between consecutive ward sets. */
  crosswalkRows: number;
  /** New wards of a later set given the area holding most of their residents. */
  areasCarriedOver: number;
  /** Incidents whose ward, area or LSOA changed with the new boundaries or grouping. */
  incidentsReassigned: number;
  /** One line per outline repaired with ST_MakeValid, with PostGIS's reason. */
  repaired: string[];
  notes: string[];
}

export interface LoadOptions {
  /** The manifest naming the files (geodata/manifest.json by default). */
  manifestPath: string;
  /** Another area grouping to load instead of the manifest's. */
  areasPath?: string;
  /** Told each step, for progress on a terminal. */
  onProgress?: (step: string) => void;
}

const sql = (name: string) => sqlFile(__dirname, name);

async function writeSet(db: Db, set: BoundarySetInfo): Promise<void> {
  await db.query(sql('upsert-boundary-set'), [set.id, set.kind, set.vintage, set.source, set.licence, set.validFrom, set.validTo, set.lsoaSetId]);
}

function membersOf(grouping: Map<string, string>, wards: { code: string }[]): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const w of wards) {
    const area = grouping.get(w.code) as string;
    members.set(area, [...(members.get(area) ?? []), w.code]);
  }
  return members;
}

async function writeBoundaries(db: Db, bundle: GeodataBundle, areaOf: Map<string, string>, progress: (step: string) => void): Promise<string[]> {
  const held = new Set((await db.query<{ code: string }>(sql('ward-codes'))).map((r) => r.code));
  await db.query(sql('close-sets'));
  for (const set of [...bundle.lsoaSets, ...bundle.wardSets.map((w) => w.set)]) {
    await writeSet(db, set);
  }
  await db.query(sql('upsert-areas'), [JSON.stringify(bundle.areas.map(({ code, name }) => ({ code, name }))), bundle.areasDescription]);
  const added: string[] = [];
  for (const [i, { set, wards, grouped }] of bundle.wardSets.entries()) {
    progress(`writing ${wards.length} wards of ${set.id} (in force ${set.validFrom} to ${set.validTo ?? 'today'})`);
    const rows = wards.map((w) => ({ code: w.code, name: w.name, area: areaOf.get(w.code), geometry: w.geometry }));
    if (grouped) {
      await db.query(sql('upsert-wards'), [JSON.stringify(rows), set.id]);
    } else {
      await db.query(sql('upsert-carried-wards'), [JSON.stringify(rows), set.id, bundle.wardSets[i - 1].set.id]);
      added.push(...wards.filter((w) => !held.has(w.code)).map((w) => w.code));
    }
  }
  progress(`writing ${bundle.lsoas.length} LSOAs of ${bundle.lsoaSets.map((s) => s.id).join(' and ')}`);
  await db.query(sql('upsert-lsoas'), [
    JSON.stringify(
      bundle.lsoas.map((l) => ({
        code: l.code,
        name: l.name,
        set: l.setId,
        validFrom: l.validFrom,
        validTo: l.validTo,
        mid2015: l.populationMid2015,
        mid2020: l.populationMid2020,
        geometry: l.geometry,
      })),
    ),
  ]);
  const allWards = bundle.wardSets.flatMap((s) => s.wards.map((w) => w.code));
  await db.query(sql('delete-lsoa-ward-lookup'));
  const lookup = bundle.wardSets.flatMap((s) => s.lookup);
  await db.query(sql('write-lsoa-ward-lookup'), [lookup.map((k) => k.lsoa), lookup.map((k) => k.ward)]);
  await db.query(sql('delete-stale-lsoas'), [bundle.lsoas.map((l) => l.code)]);
  await db.query(sql('delete-stale-wards'), [allWards]);
  await db.query(sql('delete-stale-areas'), [bundle.areas.map((a) => a.code)]);
  await db.query(sql('delete-stale-sets'), [[...bundle.lsoaSets, ...bundle.wardSets.map((w) => w.set)].map((s) => s.id)]);
  return added;
}

/**
 * Writes a checked bundle through `db`, which must be inside a transaction: a GeodataError
 * thrown here (non-contiguous areas, an outline that cannot be repaired) rolls it all back.
 * @param db a transaction's Db
 * @param bundle from readGeodata
 * @param progress told each step
 */
export async function writeGeodata(db: Db, bundle: GeodataBundle, progress: (step: string) => void = () => undefined): Promise<GeodataReport> {
  const areaOf = new Map(bundle.areas.flatMap((a) => a.wards.map((w) => [w, a.code] as const)));
  await allowLongStatements(db);
  // The load ends by re-placing every incident: wait for import batches before writing anything.
  await new IncidentsService(db).holdPlacement();
  progress(`writing ${bundle.areas.length} areas`);
  const added = await writeBoundaries(db, bundle, areaOf, progress);

  progress('validating outlines (ST_IsValid)');
  const invalid = await db.query<{ kind: string; code: string; reason: string }>(sql('invalid-geometries'));
  if (invalid.length > 0) {
    await db.query(sql('repair-wards'));
    await db.query(sql('repair-lsoas'));
    const empty = await db.query<{ kind: string; code: string }>(sql('empty-geometries'));
    if (empty.length > 0) {
      throw new GeodataError(
        `outline(s) with no area left after repair: ${empty.map((e) => `${e.kind} ${e.code}`).join(', ')}; fix the source geometry`,
      );
    }
  }

  progress('checking that every area is contiguous');
  const geography = new GeographyService(db);
  const adjacency = await geography.adjacency();
  for (const { set, wards } of bundle.wardSets.filter((s) => s.grouped)) {
    const split = splitAreas(membersOf(areaOf, wards), adjacency);
    if (split.length > 0) {
      const detail = split.map((s) => `${s.area} falls into ${s.pieces.length} pieces (${s.pieces.map((p) => p.join('+')).join(' | ')})`);
      throw new GeodataError(`areas must be contiguous (wards sharing a boundary) in ${set.id}: ${detail.join('; ')}`);
    }
  }

  progress(`writing ${bundle.deprivation.length} deprivation figures`);
  await db.query(sql('delete-deprivation'));
  await db.query(sql('insert-deprivation'), [JSON.stringify(bundle.deprivation)]);

  progress('deriving LSOA-to-ward land shares (EPSG:27700)');
  await db.query(sql('delete-lsoa-ward-shares'));
  const shares = await db.query<{ lsoa_code: string }>(sql('derive-lsoa-ward-shares'));

  await db.query(sql('delete-ward-crosswalk'));
  let crosswalkRows = 0;
  let areasCarriedOver = 0;
  for (let i = 1; i < bundle.wardSets.length; i++) {
    const [from, to] = [bundle.wardSets[i - 1], bundle.wardSets[i]];
    progress(`deriving the crosswalk from ${from.set.id} to ${to.set.id} (land and residents, EPSG:27700)`);
    crosswalkRows += (await db.query(sql('derive-ward-crosswalk'), [from.set.id, to.set.id])).length;
    if (!to.grouped) {
      const held = new Map((await geography.wards({ setId: to.set.id })).map((w) => [w.code, w.areaCode]));
      areasCarriedOver += await carryAreas(db, {
        setId: to.set.id,
        fromSetId: from.set.id,
        setWards: held,
        newWards: added.filter((w) => held.has(w)),
        adjacency,
        areas: bundle.areas.map((a) => a.code),
      });
    }
  }

  progress('re-assigning incidents to wards, areas and LSOAs');
  const reassigned = await new IncidentsService(db).reassign();

  return {
    areas: bundle.areas.length,
    wards: bundle.wardSets.reduce((n, s) => n + s.wards.length, 0),
    wardSets: bundle.wardSets.map((s) => ({ id: s.set.id, wards: s.wards.length, validFrom: s.set.validFrom, validTo: s.set.validTo })),
    lsoas: bundle.lsoas.length,
    deprivationRows: bundle.deprivation.length,
    lsoaWardShares: shares.length,
    crosswalkRows,
    areasCarriedOver,
    incidentsReassigned: reassigned,
    repaired: invalid.map((i) => `${i.kind} ${i.code}: ${i.reason} (repaired with ST_MakeValid)`),
    notes: bundle.notes,
  };
}

/**
 * Loads or reloads the reference geography: reads and checks every file, then writes areas,
 * wards, LSOAs, populations and deprivation in one transaction, repairing invalid outlines
 * (and saying so) and refusing non-contiguous areas. On any refusal the database is exactly as
 * it was.
 * @param dataSource an initialised, migrated DataSource
 * @param options which manifest and grouping, and a progress callback
 * @throws GeodataError naming the file, feature or line and the fault
 */
export async function loadGeodata(dataSource: DataSource, options: LoadOptions): Promise<GeodataReport> {
  const progress = options.onProgress ?? (() => undefined);
  progress(`reading ${options.manifestPath}`);
  const bundle = readGeodata(options.manifestPath, options.areasPath);
  // A load re-places every incident, so a report arriving meanwhile can meet it in a deadlock;
  // the load then starts again rather than failing.
  return withRetriedTransaction(
    dataSource,
    (db) => writeGeodata(db, bundle, progress),
    3,
    (_err, attempt) => progress(`attempt ${attempt} met a concurrent write (deadlock); loading again`),
  );
}

/** Counts of what the database holds; no wards means a new hub, which loads geodata first. */
export async function countUnits(db: Db): Promise<{ areas: number; wards: number; lsoas: number }> {
  const [counts] = await db.query<{ areas: number; wards: number; lsoas: number }>(sql('count-units'));
  return counts;
}

/** The ward sets of a manifest the database does not hold. */
export async function missingWardSets(db: Db, wanted: string[]): Promise<string[]> {
  const held = new Set((await db.query<{ id: string }>(sql('ward-set-ids'))).map((r) => r.id));
  return wanted.filter((id) => !held.has(id));
}

/** One line that says what a load did. */
export function summarise(report: GeodataReport): string {
  return (
    `geodata loaded: ${report.areas} areas, ${report.wards} wards ` +
    `(${report.wardSets.map((s) => `${s.wards} of ${s.id}, ${s.validFrom} to ${s.validTo ?? 'today'}`).join('; ')}), ${report.lsoas} LSOAs, ` +
    `${report.deprivationRows} deprivation figures, ${report.lsoaWardShares} LSOA-ward shares, ` +
    `${report.crosswalkRows} crosswalk rows, ${report.areasCarriedOver} ward(s) given areas by the crosswalk, ` +
    `${report.repaired.length} outline(s) repaired, ${report.incidentsReassigned} incident(s) re-assigned`
  );
}
