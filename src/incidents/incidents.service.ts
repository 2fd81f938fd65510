import { randomUUID } from 'node:crypto';

import type { Point } from 'geojson';

import type { Db } from '../db/db';
import { splice, sqlFile } from '../db/sql';
import type { CountedUnit } from '../geography/units';
import { COUNTED_SIZES } from '../hotspots/counted-sizes';

export interface CategoryRow {
  slug: string;
  name: string;
  kind: string;
  service: string;
  policeName: string | null;
  targetDays: number | null;
}

export interface IncidentRow {
  id: string;
  source: string;
  categorySlug: string;
  month: string;
  occurredAt: Date | null;
  point: Point | null;
  location: string | null;
  wardCode: string | null;
  areaCode: string | null;
  currentWardCode: string | null;
  currentAreaCode: string | null;
  lsoaCode: string | null;
  policeNeighbourhoodId: number | null;
  crimeId: string | null;
  outcome: string | null;
  status: string | null;
  description: string | null;
}

/** A validated incident filter; months are first days ('2018-12-01'), NULL means unfiltered. */
export interface IncidentFilterParams {
  /** Match and return street-scene reports at their exact points (officers) or published ones. */
  exactPoints: boolean;
  categories: string[] | null;
  from: string | null;
  to: string | null;
  wardCodes: string[] | null;
  areaCodes: string[] | null;
  policeNeighbourhoodIds: number[] | null;
  bbox: [number, number, number, number] | null;
  within: string | null;
  sources: string[] | null;
  statuses: string[] | null;
}

export interface CountRow {
  key: string;
  category: string;
  month: string;
  n: number;
}

export interface OpenIssuesRow {
  key: string;
  open: number;
  medianAgeDays: number;
}

export interface QualityRow {
  source: string;
  month: string;
  rows: number;
  withoutLocation: number;
  lsoaMismatches: number;
}

/** One unit and month without an incident of a source where the city rate expects some (coverage-gaps.sql). */
/** A unit the coverage test weighs, and its share of its level. */
export interface CoverageUnitRow {
  level: 'ward' | 'police_neighbourhood';
  /** The ward code, or the neighbourhood id as text. */
  key: string;
  code: string;
  name: string;
  share: number;
  basis: 'population' | 'area';
}

export interface CoverageGapRow {
  source: string;
  level: 'ward' | 'police_neighbourhood';
  /** The ward code, or the neighbourhood id as text. */
  key: string;
  code: string;
  name: string;
  month: string;
  cityCount: number;
  expected: number;
  basis: 'population' | 'area';
}

/** The first and last month ('YYYY-MM') a source holds rows for. */
export interface SourceSpanRow {
  source: string;
  firstMonth: string;
  lastMonth: string;
}

export interface StatusChangeRow {
  incidentId: string;
  from: string | null;
  to: string;
  changedAt: Date;
  note: string | null;
  changedBy: string | null;
}

/** A new street-scene report, already validated. */
export interface NewReport {
  category: string;
  lon: number;
  lat: number;
  description: string;
  reportedAt: Date;
  reporterContact: string | null;
  /** council-report, or synthetic-council-report for generated ones. */
  source: string;
  /** A stable key (bulk imports derive it from the row); a new UUID when absent. */
  sourceKey?: string;
  /** The authenticated caller who records it. */
  recordedBy: string;
}

const sql = (name: string) => sqlFile(__dirname, name);

/** The advisory lock key that orders import batches and re-placements (any bigint unused elsewhere). */
const PLACEMENT_LOCK = 7_141_100;
const withFilter = (name: string) => splice(sql(name), { FILTER: sql('incident-filter') });
/** A statement that returns incidents as the API shows them; `exact` is its exact-points parameter. */
const withColumns = (text: string, exact: string) => splice(text, { COLUMNS: sql('incident-columns'), EXACT: exact });

/**
 * Which of an incident's two placements a count reads: its ward and area in the current set, or
 * in the set in force in its month (for figures on an earlier set).
 */
export type Placement = 'current' | 'month';

/** Each counted unit's column on incident and the array type of its keys: the only unit SQL spliced in. */
const INCIDENT_UNIT: Record<Placement, Record<CountedUnit, { UNIT: string; KEYS: string }>> = {
  current: {
    ward: { UNIT: 'ward_code', KEYS: 'text[]' },
    area: { UNIT: 'area_code', KEYS: 'text[]' },
    policeNeighbourhood: { UNIT: 'police_neighbourhood_id', KEYS: 'int[]' },
  },
  month: {
    ward: { UNIT: 'month_ward_code', KEYS: 'text[]' },
    area: { UNIT: 'month_area_code', KEYS: 'text[]' },
    policeNeighbourhood: { UNIT: 'police_neighbourhood_id', KEYS: 'int[]' },
  },
};
const perUnit = (name: string, unit: CountedUnit, placement: Placement) =>
  splice(sql(name), INCIDENT_UNIT[placement][unit]);

/** The incident filter's parameters, $1 to $11, in the order incident-filter.sql numbers them. */
export function filterParams(f: IncidentFilterParams): unknown[] {
  return [
    f.categories,
    f.from,
    f.to,
    f.wardCodes,
    f.areaCodes,
    f.bbox,
    f.within,
    f.sources,
    f.statuses,
    f.exactPoints,
    f.policeNeighbourhoodIds,
  ];
}

/**
 * Reads and writes incidents. The only place incident SQL runs.
 */
export class IncidentsService {
  constructor(private readonly db: Db) {}

  async hasAny(): Promise<boolean> {
    return (await this.db.query<{ any: boolean }>(sql('any-incident')))[0].any;
  }

  categories(): Promise<CategoryRow[]> {
    return this.db.query<CategoryRow>(sql('categories-all'));
  }

  categoriesBySlug(slugs: readonly string[]): Promise<CategoryRow[]> {
    return this.db.query<CategoryRow>(sql('categories-by-slug'), [slugs]);
  }

  category(slug: string): Promise<{ slug: string; kind: string } | undefined> {
    return this.db.query<{ slug: string; kind: string }>(sql('category-exists'), [slug]).then((rows) => rows[0]);
  }

  /**
   * One page of matching incidents, newest month first.
   * @param after the (month, id) of the last row of the previous page
   * @param limit rows to fetch
   */
  page(
    filter: IncidentFilterParams,
    after: { month: string; id: string } | null,
    limit: number,
  ): Promise<IncidentRow[]> {
    const statement = filter.wardCodes ? 'incidents-page-wards' : 'incidents-page';
    return this.db.query<IncidentRow>(withColumns(withFilter(statement), '$10::boolean'), [
      ...filterParams(filter),
      after ? `${after.month}-01` : null,
      after?.id ?? null,
      limit,
    ]);
  }

  async count(filter: IncidentFilterParams): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(withFilter('incidents-count'), filterParams(filter));
    return row.n;
  }

  /** @param exactPoints street-scene reports at their exact points (officers) or published ones */
  byId(ids: readonly string[], exactPoints: boolean): Promise<IncidentRow[]> {
    return this.db.query<IncidentRow>(withColumns(sql('incidents-by-id'), '$2::boolean'), [ids, exactPoints]);
  }

  /** Counts per unit, category and month; `keys` are codes, or neighbourhood ids as text. */
  counts(
    unit: CountedUnit,
    keys: readonly string[],
    from: string,
    to: string,
    categories: string[] | null,
    placement: Placement = 'current',
  ): Promise<CountRow[]> {
    return this.db.query<CountRow>(perUnit('unit-counts', unit, placement), [keys, from, to, categories]);
  }

  openIssues(
    unit: CountedUnit,
    keys: readonly string[],
    categories: string[] | null,
    placement: Placement = 'current',
  ): Promise<OpenIssuesRow[]> {
    return this.db.query<OpenIssuesRow>(perUnit('unit-open-issues', unit, placement), [keys, categories]);
  }

  /**
   * Monthly counts for re-estimating an old ward: its own ('old') and those of the current wards
   * that took its land ('current').
   */
  wardChangeCounts(
    oldWard: string,
    currentWards: readonly string[],
    from: string,
    to: string,
    categories: string[] | null,
  ): Promise<{ side: 'old' | 'current'; wardCode: string; month: string; n: number }[]> {
    return this.db.query(sql('ward-change-counts'), [oldWard, currentWards, from, to, categories]);
  }

  /** The current wards the incidents of an old ward (in its own months) now sit in. */
  wardChangeIncidents(oldWard: string): Promise<{ wardCode: string; n: number }[]> {
    return this.db.query(sql('ward-change-incidents'), [oldWard]);
  }

  quality(from: string, to: string): Promise<QualityRow[]> {
    return this.db.query<QualityRow>(sql('data-quality'), [from, to]);
  }

  /**
   * Units without incidents of a source in months where the city's count makes none improbable
   * (coverage-gaps.sql states the test).
   * @param from first day of the first month; to, of the last
   * @param sources the sources to test, or null for all
   * @param extentGeoJSON only units overlapping it (EPSG:4326 GeoJSON), or null for the city
   * @param threshold the Poisson probability of none below which a zero is a gap
   */
  /** The units the coverage test weighs, with their shares (coverage-units.sql). */
  coverageUnits(): Promise<CoverageUnitRow[]> {
    return this.db.query<CoverageUnitRow>(sql('coverage-units'));
  }

  /** What coverageUnits rests on; another stamp, other units. */
  async coverageUnitsStamp(): Promise<string> {
    const [{ stamp }] = await this.db.query<{ stamp: string }>(sql('coverage-units-stamp'));
    return stamp;
  }

  coverageGaps(
    from: string,
    to: string,
    sources: string[] | null,
    extentGeoJSON: string | null,
    threshold: number,
    units: readonly CoverageUnitRow[],
  ): Promise<CoverageGapRow[]> {
    return this.db.query<CoverageGapRow>(sql('coverage-gaps'), [
      from,
      to,
      sources,
      extentGeoJSON,
      threshold,
      COUNTED_SIZES[0],
      units.map((u) => u.level),
      units.map((u) => u.key),
      units.map((u) => u.code),
      units.map((u) => u.name),
      units.map((u) => u.share),
      units.map((u) => u.basis),
    ]);
  }

  sourceSpans(): Promise<SourceSpanRow[]> {
    return this.db.query<SourceSpanRow>(sql('source-span'));
  }

  async sources(): Promise<string[]> {
    return (await this.db.query<{ source: string }>(sql('sources-all'))).map((r) => r.source);
  }

  /**
   * Re-assigns ward, area and LSOA of every incident from the current boundaries and grouping,
   * in one statement (call in the transaction that changed them). Waits first for import batches
   * in progress (sharePlacement): the statement locks every incident in its own order, and a
   * batch updating known rows in file order beside it deadlocked (CI did, repeatedly).
   * @returns how many incidents changed
   */
  async reassign(): Promise<number> {
    await this.holdPlacement();
    return (await this.db.query<{ id: string }>(sql('reassign-incidents'))).length;
  }

  /**
   * Takes, for the rest of the transaction, the right to re-place every incident, once no import
   * batch holds a share of it (sharePlacement). Call it first in a transaction that will
   * reassign, before it writes anything: waiting for the lock while holding a row a batch needs
   * is a deadlock of its own. Taken again by reassign, which costs nothing (the lock is the
   * transaction's already).
   */
  async holdPlacement(): Promise<void> {
    await this.db.query(sql('placement-lock'), [PLACEMENT_LOCK]);
  }

  /**
   * Takes, for the rest of the transaction, a share of the right to write incidents in bulk, so
   * that no re-placement of every incident (reassign) runs beside it. Call first in an import
   * batch's transaction.
   */
  async sharePlacement(): Promise<void> {
    await this.db.query(sql('placement-share'), [PLACEMENT_LOCK]);
  }

  statusHistory(ids: readonly string[]): Promise<StatusChangeRow[]> {
    return this.db.query<StatusChangeRow>(sql('status-history'), [ids]);
  }

  /**
   * Writes a report with status open and records that first step. Call inside a transaction.
   * @returns the new id, or null when the point is in no ward (outside the city) or the key exists
   */
  async insertReport(report: NewReport): Promise<string | null> {
    const [row] = await this.db.query<{ id: string }>(sql('insert-report'), [
      report.sourceKey ?? randomUUID(),
      report.category,
      report.lon,
      report.lat,
      report.description,
      report.reportedAt,
      report.reporterContact,
      report.source,
      report.recordedBy,
    ]);
    if (row) {
      await this.db.query(sql('record-status-change'), [
        row.id,
        null,
        'open',
        null,
        report.reportedAt,
        report.recordedBy,
      ]);
    }
    return row?.id ?? null;
  }

  /** The status of an incident, locked for the rest of the transaction; undefined when no such id. */
  async lockStatus(id: string): Promise<{ status: string | null } | undefined> {
    return (await this.db.query<{ status: string | null }>(sql('status-of'), [id]))[0];
  }

  /**
   * Moves an incident to `to` and records the step with who made it. Call inside a transaction,
   * after lockStatus.
   */
  async setStatus(id: string, from: string, to: string, note: string | null, at: Date, by: string): Promise<void> {
    await this.db.query(sql('set-status'), [id, to]);
    await this.db.query(sql('record-status-change'), [id, from, to, note, at, by]);
  }
}
