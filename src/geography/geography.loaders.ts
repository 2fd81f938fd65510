import DataLoader from 'dataloader';
import type { Geometry } from 'geojson';

import { batchByArgument, groupByKeys, orderByKeys } from '../graphql/batch';

import { BoundarySets } from './boundary-sets';
import { editionInfo } from './deprivation';
import type {
  AreaRow,
  CrosswalkRow,
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
  /** For an area, the ward set whose wards make it (absent: current). */
  setId?: string | null;
}

export interface RollupKey {
  level: 'ward' | 'area';
  code: string;
  edition: number;
  /** For an area, the ward set whose wards (and their LSOAs) make it (absent: current). */
  setId?: string | null;
}

/** An area in one ward set. */
export interface AreaInSet {
  code: string;
  setId: string;
}

const inSet = (k: AreaInSet) => `${k.setId}:${k.code}`;

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
  const wardsByArea = new DataLoader<AreaInSet, WardRow[], string>(
    (keys) =>
      batchByArgument(
        keys,
        (k) => k.setId,
        async (codes, k) => {
          const rows = await service.wardsByArea(codes, k.setId);
          rows.forEach((row) => wardByCode.prime(row.code, row));
          return groupByKeys(codes, rows, (r) => r.areaCode);
        },
      ),
    { cacheKeyFn: inSet },
  );
  // Not primed into lsoaByCode: an LSOA reached through a ward carries that ward's set's lookup.
  const lsoasByWard = new DataLoader<string, LsoaRow[]>(async (wardCodes) =>
    groupByKeys(wardCodes, await service.lsoasByWard(wardCodes), (r) => r.wardCode),
  );
  const neighbourCodes = new DataLoader<string, string[]>(async (wardCodes) =>
    groupByKeys(wardCodes, await service.neighbours(wardCodes), (r) => r.wardCode).map((pairs) =>
      pairs.map((p) => p.neighbourCode),
    ),
  );
  const wardPopulation = new DataLoader<string, number>(async (codes) =>
    orderByKeys(codes, await service.wardPopulations(codes), (r) => r.code).map((r) => r?.population ?? 0),
  );
  const areaPopulation = new DataLoader<AreaInSet, number, string>(
    (keys) =>
      batchByArgument(
        keys,
        (k) => k.setId,
        async (codes, k) =>
          orderByKeys(codes, await service.areaPopulations(codes, k.setId), (r) => r.code).map(
            (r) => r?.population ?? 0,
          ),
      ),
    { cacheKeyFn: inSet },
  );
  const outline = new DataLoader<OutlineKey, Geometry | null, string>(
    (keys) =>
      batchByArgument(
        keys,
        (k) => `${k.unit}:${k.simplifyMetres}:${k.setId ?? ''}`,
        async (codes, k) =>
          orderByKeys(
            codes,
            await service.outlines(k.unit, codes, k.simplifyMetres, k.setId ?? null),
            (r) => r.code,
          ).map((r) => r?.geometry ?? null),
      ),
    { cacheKeyFn: (k) => `${k.unit}:${k.simplifyMetres}:${k.setId ?? ''}:${k.code}` },
  );
  const deprivationRollup = new DataLoader<RollupKey, DeprivationRollupRow[], string>(
    (keys) =>
      batchByArgument(
        keys,
        (k) => `${k.level}:${k.edition}:${k.setId ?? ''}`,
        async (codes, k) =>
          groupByKeys(
            codes,
            await service.deprivationRollup(k.level, codes, editionInfo(k.edition), k.setId ?? null),
            (r) => r.key,
          ),
      ),
    { cacheKeyFn: (k) => `${k.level}:${k.edition}:${k.setId ?? ''}:${k.code}` },
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
  const crosswalk = (direction: 'successors' | 'predecessors') =>
    new DataLoader<string, CrosswalkRow[]>(async (codes) =>
      groupByKeys(codes, await service.crosswalk(codes, direction), (r) => r.key),
    );
  // One statement per request, however many fields ask which sets exist.
  const boundarySets = new DataLoader<'all', BoundarySets[]>(async (keys) => {
    const rows = await service.boundarySets();
    return keys.map(() => [new BoundarySets(rows, 'ward'), new BoundarySets(rows, 'lsoa')]);
  });
  return {
    wardSets: async () => (await boundarySets.load('all'))[0],
    lsoaSets: async () => (await boundarySets.load('all'))[1],
    successors: crosswalk('successors'),
    predecessors: crosswalk('predecessors'),
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
