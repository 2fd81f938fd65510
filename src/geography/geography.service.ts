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
  areaSqKm: number;
  centroid: Point;
}

export interface LsoaRow {
  code: string;
  name: string;
  wardCode: string;
  populationMid2015: number;
  populationMid2020: number;
  areaSqKm: number;
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
  ward: { UNITS: 'SELECT code AS key, geom FROM ward', KEYS: 'text[]' },
  area: { UNITS: 'SELECT area_code AS key, ST_Union(geom) AS geom FROM ward GROUP BY area_code', KEYS: 'text[]' },
  lsoa: { UNITS: 'SELECT code AS key, geom FROM lsoa', KEYS: 'text[]' },
  policeNeighbourhood: { UNITS: 'SELECT id AS key, geom FROM police_neighbourhood', KEYS: 'int[]' },
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

  wards(filter: { areaCode?: string | null; nameContains?: string | null }): Promise<WardRow[]> {
    return this.db.query<WardRow>(wardStatement('wards-filter'), [
      filter.areaCode ?? null,
      filter.nameContains ?? null,
    ]);
  }

  wardsByCode(codes: readonly string[]): Promise<WardRow[]> {
    return this.db.query<WardRow>(wardStatement('wards-by-code'), [codes]);
  }

  wardsByArea(areaCodes: readonly string[]): Promise<WardRow[]> {
    return this.db.query<WardRow>(wardStatement('wards-by-area'), [areaCodes]);
  }

  neighbours(wardCodes: readonly string[]): Promise<CodePair[]> {
    return this.db.query<CodePair>(sql('ward-neighbours'), [wardCodes]);
  }

  /** Every ward adjacency (both directions); used to check that areas are contiguous. */
  adjacency(): Promise<CodePair[]> {
    return this.db.query<CodePair>(sql('ward-adjacency'));
  }

  wardPopulations(codes: readonly string[]): Promise<PopulationRow[]> {
    return this.db.query<PopulationRow>(sql('ward-population'), [codes]);
  }

  areaPopulations(codes: readonly string[]): Promise<PopulationRow[]> {
    return this.db.query<PopulationRow>(sql('area-population'), [codes]);
  }

  /** Outlines of units of one kind; `keys` are codes, or neighbourhood ids as text. */
  outlines(unit: Unit, keys: readonly string[], simplifyMetres: number): Promise<GeometryRow[]> {
    return this.db.query<GeometryRow>(splice(sql('unit-outlines'), UNIT_OUTLINE[unit]), [keys, simplifyMetres]);
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
  ): Promise<DeprivationRollupRow[]> {
    return this.db.query<DeprivationRollupRow>(sql('deprivation-rollup'), [
      codes,
      edition.edition,
      edition.populationBasis,
      level,
    ]);
  }

  lsoaDeprivation(codes: readonly string[], edition: number): Promise<LsoaDeprivationRow[]> {
    return this.db.query<LsoaDeprivationRow>(sql('lsoa-deprivation'), [codes, edition]);
  }

  /**
   * Finds the ward, area and LSOA of many points in one statement.
   * @param points WGS 84 [lon, lat] pairs, already validated
   * @returns one row per point, in input order; codes are null outside the city
   */
  locate(points: readonly (readonly [number, number])[]): Promise<LocateRow[]> {
    return this.db.query<LocateRow>(sql('locate-many'), [points.map((p) => p[0]), points.map((p) => p[1])]);
  }
}
