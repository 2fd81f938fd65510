import type { Geometry, Point } from 'geojson';

import type { Db } from '../db/db';
import { splice, sqlFile } from '../db/sql';

import type { DeprivationDomainName, EditionInfo } from './deprivation';
import type { Unit } from './units';

export interface AreaRow {
  code: string;
  name: string;
  description: string;
}

export interface WardRow {
  code: string;
  name: string;
  areaCode: string;
  boundarySetId: string;
  areaSqKm: number;
  centroid: Point;
}

export interface LsoaRow {
  code: string;
  name: string;
  /** Its best-fit ward: in the set of the ward it was reached through, else the latest set with one. */
  wardCode: string;
  validFrom: string;
  validTo: string | null;
  populationMid2015: number;
  populationMid2020: number;
  areaSqKm: number;
}

export interface BoundarySetRow {
  id: string;
  kind: 'ward' | 'lsoa';
  vintage: number;
  source: string;
  licence: string;
  validFrom: string;
  validTo: string | null;
  lsoaSetId: string | null;
}

/** One row of the crosswalk, read from the side of `key` (the ward asked about). */
export interface CrosswalkRow {
  key: string;
  fromCode: string;
  toCode: string;
  landSqKm: number;
  landShareOfFrom: number;
  landShareOfTo: number;
  residents: number;
  residentsShareOfFrom: number;
  residentsShareOfTo: number;
}

export interface CodePair {
  wardCode: string;
  neighbourCode: string;
}

export interface GeometryRow {
  code: string;
  geometry: Geometry;
}

export interface PopulationRow {
  code: string;
  population: number;
}

export interface DeprivationRollupRow {
  key: string;
  domain: DeprivationDomainName;
  averageScore: number | null;
  averageRank: number;
  populationShareInDeciles1And2: number;
  lsoasInMostDeprived10Percent: number;
  lsoasInMostDeprived20Percent: number;
  worstDecile: number;
  lsoaCount: number;
}

export interface LsoaDeprivationRow {
  key: string;
  domain: DeprivationDomainName;
  score: number | null;
  rank: number;
  decile: number;
}

export interface LocateRow {
  idx: number;
  wardCode: string | null;
  areaCode: string | null;
  lsoaCode: string | null;
}

const sql = (name: string) => sqlFile(__dirname, name);
// Every statement that returns wards (or LSOAs) selects the same columns, from one fragment.
const wardStatement = (name: string) => splice(sql(name), { COLUMNS: sql('ward-columns') });
const lsoaStatement = (name: string) => splice(sql(name), { COLUMNS: sql('lsoa-columns') });

/** Each unit's rows of key and outline, and the array type of its keys: the only unit SQL spliced in. */
const UNIT_OUTLINE: Record<Unit, { UNITS: string; KEYS: string }> = {
  ward: { UNITS: 'SELECT code AS key, NULL::text AS set_id, geom FROM ward', KEYS: 'text[]' },
  area: {
    UNITS:
      'SELECT area_code AS key, boundary_set_id AS set_id, ST_Union(geom) AS geom FROM ward GROUP BY area_code, boundary_set_id',
    KEYS: 'text[]',
  },
  lsoa: { UNITS: 'SELECT code AS key, NULL::text AS set_id, geom FROM lsoa', KEYS: 'text[]' },
  policeNeighbourhood: {
    UNITS: 'SELECT id AS key, NULL::text AS set_id, geom FROM police_neighbourhood',
    KEYS: 'int[]',
  },
};

/**
 * Reads the city's geography. The only place geography SQL runs: every method is one named,
 * parameterised statement and most take a batch of keys, for the request's loaders.
 */
export class GeographyService {
  constructor(private readonly db: Db) {}

  allAreas(): Promise<AreaRow[]> {
    return this.db.query<AreaRow>(sql('areas-all'));
  }

  areasByCode(codes: readonly string[]): Promise<AreaRow[]> {
    return this.db.query<AreaRow>(sql('areas-by-code'), [codes]);
  }

  /** Wards of one set (the current set when `setId` is absent) matching an area and a name fragment. */
  wards(filter: { areaCode?: string | null; nameContains?: string | null; setId?: string | null }): Promise<WardRow[]> {
    return this.db.query<WardRow>(wardStatement('wards-filter'), [
      filter.areaCode ?? null,
      filter.nameContains ?? null,
      filter.setId ?? null,
    ]);
  }

  wardsByCode(codes: readonly string[]): Promise<WardRow[]> {
    return this.db.query<WardRow>(wardStatement('wards-by-code'), [codes]);
  }

  /** @param setId the ward set (null: current) */
  wardsByArea(areaCodes: readonly string[], setId: string | null = null): Promise<WardRow[]> {
    return this.db.query<WardRow>(wardStatement('wards-by-area'), [areaCodes, setId]);
  }

  neighbours(wardCodes: readonly string[]): Promise<CodePair[]> {
    return this.db.query<CodePair>(sql('ward-neighbours'), [wardCodes]);
  }

  /** Every ward adjacency within a set (both directions); used to check that areas are contiguous. */
  adjacency(): Promise<CodePair[]> {
    return this.db.query<CodePair>(sql('ward-adjacency'));
  }

  wardPopulations(codes: readonly string[]): Promise<PopulationRow[]> {
    return this.db.query<PopulationRow>(sql('ward-population'), [codes]);
  }

  /** @param setId the ward set (null: current) */
  areaPopulations(codes: readonly string[], setId: string | null = null): Promise<PopulationRow[]> {
    return this.db.query<PopulationRow>(sql('area-population'), [codes, setId]);
  }

  /**
   * Outlines of units of one kind; `keys` are codes, or neighbourhood ids as text.
   * @param setId for areas, the ward set whose wards make the outline (null: current)
   */
  outlines(
    unit: Unit,
    keys: readonly string[],
    simplifyMetres: number,
    setId: string | null = null,
  ): Promise<GeometryRow[]> {
    return this.db.query<GeometryRow>(splice(sql('unit-outlines'), UNIT_OUTLINE[unit]), [keys, simplifyMetres, setId]);
  }

  lsoasByCode(codes: readonly string[]): Promise<LsoaRow[]> {
    return this.db.query<LsoaRow>(lsoaStatement('lsoas-by-code'), [codes]);
  }

  lsoasByWard(wardCodes: readonly string[]): Promise<LsoaRow[]> {
    return this.db.query<LsoaRow>(lsoaStatement('lsoas-by-ward'), [wardCodes]);
  }

  deprivationRollup(
    level: 'ward' | 'area',
    codes: readonly string[],
    edition: EditionInfo,
    setId: string | null = null,
  ): Promise<DeprivationRollupRow[]> {
    return this.db.query<DeprivationRollupRow>(sql('deprivation-rollup'), [
      codes,
      edition.edition,
      edition.populationBasis,
      level,
      setId,
    ]);
  }

  lsoaDeprivation(codes: readonly string[], edition: number): Promise<LsoaDeprivationRow[]> {
    return this.db.query<LsoaDeprivationRow>(sql('lsoa-deprivation'), [codes, edition]);
  }

  /**
   * Finds the ward, area and LSOA of many points in one statement, in the sets in force on a day.
   * @param points WGS 84 [lon, lat] pairs, already validated
   * @param day ISO date (YYYY-MM-DD)
   * @returns one row per point, in input order; codes are null outside the city
   */
  locate(points: readonly (readonly [number, number])[], day: string): Promise<LocateRow[]> {
    return this.db.query<LocateRow>(sql('locate-many'), [points.map((p) => p[0]), points.map((p) => p[1]), day]);
  }

  /** Every boundary set held, oldest first within each kind. */
  boundarySets(): Promise<BoundarySetRow[]> {
    return this.db.query<BoundarySetRow>(sql('boundary-sets'));
  }

  /**
   * What passed between wards of consecutive sets (loader batch).
   * @param direction 'successors': rows from the given (older) wards; 'predecessors': rows to them
   */
  crosswalk(codes: readonly string[], direction: 'successors' | 'predecessors'): Promise<CrosswalkRow[]> {
    return this.db.query<CrosswalkRow>(sql('ward-crosswalk'), [codes, direction === 'successors']);
  }
}
