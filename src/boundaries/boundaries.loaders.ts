import DataLoader from 'dataloader';
import type { Geometry } from 'geojson';

import { batchByArgument, groupByKeys, orderByKeys } from '../graphql/batch';

import type { BoundariesService, NeighbourhoodRow } from './boundaries.service';

/** The police neighbourhood loaders of one request; each batch is one statement. */
export function createBoundaryLoaders(service: BoundariesService) {
  const neighbourhoodById = new DataLoader<number, NeighbourhoodRow | null>(async (ids) =>
    orderByKeys(ids.map(String), await service.byId(ids), (r) => String(r.id)),
  );
  const neighbourhoodOutline = new DataLoader<{ code: string; simplifyMetres: number }, Geometry | null, string>(
    (keys) =>
      batchByArgument(
        keys,
        (k) => String(k.simplifyMetres),
        async (codes, k) =>
          orderByKeys(codes, await service.outlines(codes.map(Number), k.simplifyMetres), (r) => String(r.id)).map(
            (r) => r?.geometry ?? null,
          ),
      ),
    { cacheKeyFn: (k) => `${k.simplifyMetres}:${k.code}` },
  );
  const neighbourhoodWards = new DataLoader<number, { wardCode: string; share: number }[]>(async (ids) =>
    groupByKeys(ids.map(String), await service.wards(ids), (r) => String(r.id)),
  );
  // Keyed by "lon,lat": every point asked for in a request is located in one statement.
  const neighbourhoodAt = new DataLoader<string, number | null>(async (keys) => {
    const points = keys.map((k) => k.split(',').map(Number) as [number, number]);
    const rows = await service.locate(points);
    return rows.map((r) => r.id);
  });
  const neighbourhoodPopulation = new DataLoader<number, number>(async (ids) =>
    orderByKeys(ids.map(String), await service.populations(ids), (r) => r.code).map((r) => r?.population ?? 0),
  );
  return { neighbourhoodById, neighbourhoodOutline, neighbourhoodWards, neighbourhoodAt, neighbourhoodPopulation };
}
