import path from 'node:path';

import type { Geometry } from 'geojson';

import type { Db } from '../db/db';
import { splice, sqlFile } from '../db/sql';
import { filterParams, type IncidentFilterParams, type IncidentRow } from '../incidents/incidents.service';

import type { BBox } from './params';

/** One row of a page: the feature's id, its geometry (RFC 7946, or null) and its columns. */
export interface FeatureRow {
  id: string;
  geometry: Geometry | null;
  [column: string]: unknown;
}

/** What a page statement needs besides its collection's filters. */
export interface Page {
  limit: number;
  offset: number;
}

export interface ExtentRow {
  id: string;
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Filters of the polygon collections, by the collection's own parameter order (see each match file). */
export interface WardFilter {
  id: string | null;
  boundarySet: string | null;
  codes: string[] | null;
  areaCodes: string[] | null;
  bbox: BBox | null;
}
export interface AreaFilter {
  id: string | null;
  boundarySet: string | null;
  codes: string[] | null;
  bbox: BBox | null;
}
export interface LsoaFilter {
  id: string | null;
  codes: string[] | null;
  wardCodes: string[] | null;
  bbox: BBox | null;
}
export interface NeighbourhoodFilter {
  id: string | null;
  codes: string[] | null;
  forces: string[] | null;
  bbox: BBox | null;
}

const sql = (name: string) => sqlFile(__dirname, name);
// The incident filter and columns are the GraphQL incidents query's own, so the published-point
// rule and what a caller may match stay in one place.
const incidentSql = (name: string) => sqlFile(path.join(__dirname, '..', 'incidents'), name);

/** A collection's page and count statements, from its match fragment. */
function statements(collection: string, extra: Record<string, string> = {}): { page: string; count: string } {
  const match = splice(sql(`${collection}-match`), extra);
  return {
    page: splice(sql(`${collection}-page`), { MATCH: match }),
    count: splice(sql('count'), { MATCH: match }),
  };
}

const WARDS = statements('wards');
const AREAS = statements('areas');
const LSOAS = statements('lsoas');
const NEIGHBOURHOODS = statements('police-neighbourhoods');
const INCIDENTS = (() => {
  const { page, count } = statements('incidents', { FILTER: incidentSql('incident-filter') });
  return { page: splice(page, { COLUMNS: incidentSql('incident-columns'), EXACT: '$10::boolean' }), count };
})();

/**
 * Reads the collections OGC API Features serves. The only place its SQL runs: one page and one
 * count statement per collection, sharing the collection's match fragment, every value a `$n`.
 */
export class FeaturesService {
  constructor(private readonly db: Db) {}

  /** A page of features and how many match in all (the count runs beside the page). */
  private async paged<T extends FeatureRow>(
    statement: { page: string; count: string },
    params: unknown[],
    page: Page,
  ): Promise<{ rows: T[]; matched: number }> {
    const [rows, [counted]] = await Promise.all([
      this.db.query<T>(statement.page, [...params, page.limit, page.offset]),
      this.db.query<{ n: number }>(statement.count, params),
    ]);
    return { rows, matched: counted.n };
  }

  wards(f: WardFilter, page: Page) {
    return this.paged(WARDS, [f.id, f.boundarySet, f.codes, f.areaCodes, f.bbox], page);
  }

  areas(f: AreaFilter, page: Page) {
    return this.paged(AREAS, [f.id, f.boundarySet, f.codes, f.bbox], page);
  }

  lsoas(f: LsoaFilter, page: Page) {
    return this.paged(LSOAS, [f.id, f.codes, f.wardCodes, f.bbox], page);
  }

  policeNeighbourhoods(f: NeighbourhoodFilter, page: Page) {
    return this.paged(NEIGHBOURHOODS, [f.id, f.codes, f.forces, f.bbox], page);
  }

  /**
   * A page of incidents through the GraphQL incidents filter.
   * @param id an incident id (digits, already checked) for one item, or null
   */
  async incidents(
    f: IncidentFilterParams,
    id: string | null,
    page: Page,
  ): Promise<{ rows: (IncidentRow & { policeNeighbourhoodCode: string | null })[]; matched: number }> {
    const { rows, matched } = await this.paged<FeatureRow>(INCIDENTS, [...filterParams(f), id], page);
    return { rows: rows as unknown as (IncidentRow & { policeNeighbourhoodCode: string | null })[], matched };
  }

  /** Each collection's spatial extent, by collection id. */
  extents(): Promise<ExtentRow[]> {
    return this.db.query<ExtentRow>(sql('extents'));
  }

  /** The first and last month holding incidents (first days, YYYY-MM-DD), or nulls when none. */
  async incidentMonths(): Promise<{ first: string | null; last: string | null }> {
    return (await this.db.query<{ first: string | null; last: string | null }>(sql('incident-months')))[0];
  }

  async holdsWardSet(id: string): Promise<boolean> {
    return (await this.db.query<{ held: boolean }>(sql('boundary-set-exists'), [id]))[0].held;
  }
}
