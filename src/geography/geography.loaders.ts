import DataLoader from 'dataloader';
import type { Geometry } from 'geojson';

import { batchByArgument, groupByKeys, orderByKeys } from '../graphql/batch';

import { editionInfo } from './deprivation';
import type {
  AreaRow,
  DeprivationRollupRow,
  GeographyService,
  LsoaDeprivationRow,
  LsoaRow,
  WardRow,
} from './geography.service';
import type { Unit } from './units';

export interface OutlineKey {
  unit: Unit;
  /** A code, or a police neighbourhood's id as text. */
  code: string;
  simplifyMetres: number;
}

export interface RollupKey {
  level: 'ward' | 'area';
  code: string;
  edition: number;
}

export interface EditionKey {
  code: string;
  edition: number;
}

/**
 * The geography loaders of one request. Each batch function runs one statement for all the
 * keys asked for in a tick (`= ANY($1)`), so nested queries cost a fixed number of statements.
 * Rows loaded through a list (an area's wards, a ward's LSOAs) prime the by-code loaders.
 * @param service the geography service bound to the request's database handle
 */
export function createGeographyLoaders(service: GeographyService) {
  const areaByCode = new DataLoader<string, AreaRow | null>(async (codes) =>
    orderByKeys(codes, await service.areasByCode(codes), (r) => r.code),
  );
  const wardByCode = new DataLoader<string, WardRow | null>(async (codes) =>
    orderByKeys(codes, await service.wardsByCode(codes), (r) => r.code),
  );
  const lsoaByCode = new DataLoader<string, LsoaRow | null>(async (codes) =>
    orderByKeys(codes, await service.lsoasByCode(codes), (r) => r.code),
  );
  const wardsByArea = new DataLoader<string, WardRow[]>(async (areaCodes) => {
    const rows = await service.wardsByArea(areaCodes);
    rows.forEach((row) => wardByCode.prime(row.code, row));
    return groupByKeys(areaCodes, rows, (r) => r.areaCode);
  });
  const lsoasByWard = new DataLoader<string, LsoaRow[]>(async (wardCodes) => {
    const rows = await service.lsoasByWard(wardCodes);
    rows.forEach((row) => lsoaByCode.prime(row.code, row));
    return groupByKeys(wardCodes, rows, (r) => r.wardCode);
  });
  const neighbourCodes = new DataLoader<string, string[]>(async (wardCodes) =>
    groupByKeys(wardCodes, await service.neighbours(wardCodes), (r) => r.wardCode).map((pairs) =>
      pairs.map((p) => p.neighbourCode),
    ),
  );
  const wardPopulation = new DataLoader<string, number>(async (codes) =>
    orderByKeys(codes, await service.wardPopulations(codes), (r) => r.code).map((r) => r?.population ?? 0),
  );
  const areaPopulation = new DataLoader<string, number>(async (codes) =>
    orderByKeys(codes, await service.areaPopulations(codes), (r) => r.code).map((r) => r?.population ?? 0),
  );
  const outline = new DataLoader<OutlineKey, Geometry | null, string>(
    (keys) =>
      batchByArgument(
        keys,
        (k) => `${k.unit}:${k.simplifyMetres}`,
        async (codes, k) =>
          orderByKeys(codes, await service.outlines(k.unit, codes, k.simplifyMetres), (r) => r.code).map(
            (r) => r?.geometry ?? null,
          ),
      ),
    { cacheKeyFn: (k) => `${k.unit}:${k.simplifyMetres}:${k.code}` },
  );
  const deprivationRollup = new DataLoader<RollupKey, DeprivationRollupRow[], string>(
    (keys) =>
      batchByArgument(
        keys,
        (k) => `${k.level}:${k.edition}`,
        async (codes, k) =>
          groupByKeys(codes, await service.deprivationRollup(k.level, codes, editionInfo(k.edition)), (r) => r.key),
      ),
    { cacheKeyFn: (k) => `${k.level}:${k.edition}:${k.code}` },
  );
  const lsoaDeprivation = new DataLoader<EditionKey, LsoaDeprivationRow[], string>(
    (keys) =>
      batchByArgument(
        keys,
        (k) => String(k.edition),
        async (codes, k) => groupByKeys(codes, await service.lsoaDeprivation(codes, k.edition), (r) => r.key),
      ),
    { cacheKeyFn: (k) => `${k.edition}:${k.code}` },
  );
  return {
    areaByCode,
    wardByCode,
    lsoaByCode,
    wardsByArea,
    lsoasByWard,
    neighbourCodes,
    wardPopulation,
    areaPopulation,
    outline,
    deprivationRollup,
    lsoaDeprivation,
  };
}

export type GeographyLoaders = ReturnType<typeof createGeographyLoaders>;
