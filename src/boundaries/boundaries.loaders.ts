import DataLoader from 'dataloader';

import { groupByKeys, orderByKeys } from '../graphql/batch';

import type { BoundariesService, NeighbourhoodRow } from './boundaries.service';

/** The police neighbourhood loaders of one request; each batch is one statement. */
export function createBoundaryLoaders(service: BoundariesService) {
  const policeNeighbourhoodById = new DataLoader<number, NeighbourhoodRow | null>(async (ids) =>
    orderByKeys(ids.map(String), await service.byId(ids), (r) => String(r.id)),
  );
  const policeNeighbourhoodWards = new DataLoader<number, { wardCode: string; share: number }[]>(async (ids) =>
    groupByKeys(ids.map(String), await service.wards(ids), (r) => String(r.id)),
  );
  // Keyed by "lon,lat": every point asked for in a request is located in one statement.
  const policeNeighbourhoodAt = new DataLoader<string, number | null>(async (keys) => {
    const points = keys.map((k) => k.split(',').map(Number) as [number, number]);
    const rows = await service.locate(points);
    return rows.map((r) => r.id);
  });
  const policeNeighbourhoodPopulation = new DataLoader<number, number>(async (ids) =>
    orderByKeys(ids.map(String), await service.populations(ids), (r) => r.code).map((r) => r?.population ?? 0),
  );
  return { policeNeighbourhoodById, policeNeighbourhoodWards, policeNeighbourhoodAt, policeNeighbourhoodPopulation };
}
