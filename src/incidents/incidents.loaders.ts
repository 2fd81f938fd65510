import DataLoader from 'dataloader';

import type { CountedUnit } from '../geography/units';
import { batchByArgument, groupByKeys, orderByKeys } from '../graphql/batch';

import type { CategoryRow, IncidentsService, Placement, StatusChangeRow } from './incidents.service';
import { firstDay, shifted } from './period';
import type { StatsRows } from './stats';

export interface StatsKey {
  unit: CountedUnit;
  /** A code, or a police neighbourhood's id as text. */
  code: string;
  from: string;
  to: string;
  /** Sorted slugs, or null for every category. */
  categories: string[] | null;
  /** Count by the current set's wards and areas, or by those of each incident's month. */
  placement: Placement;
}

const argumentOf = (k: StatsKey) => `${k.unit}|${k.placement}|${k.from}|${k.to}|${k.categories?.join(',') ?? '*'}`;

/**
 * The incident loaders of one request. Stats for every unit of a kind asked for with the same
 * period and categories cost three statements: the period's counts, the year before's, and the
 * open issues.
 */
export function createIncidentLoaders(service: IncidentsService) {
  const categoryBySlug = new DataLoader<string, CategoryRow | null>(async (slugs) =>
    orderByKeys(slugs, await service.categoriesBySlug(slugs), (r) => r.slug),
  );
  const statusHistory = new DataLoader<string, StatusChangeRow[]>(async (ids) =>
    groupByKeys(ids, await service.statusHistory(ids), (r) => r.incidentId),
  );
  const incidentStats = new DataLoader<StatsKey, StatsRows, string>(
    (keys) =>
      batchByArgument(keys, argumentOf, async (codes, k) => {
        const before = shifted(k, 12);
        const [current, previousYear, open] = await Promise.all([
          service.counts(k.unit, codes, firstDay(k.from), firstDay(k.to), k.categories, k.placement),
          service.counts(k.unit, codes, firstDay(before.from), firstDay(before.to), k.categories, k.placement),
          service.openIssues(k.unit, codes, k.categories, k.placement),
        ]);
        const cur = groupByKeys(codes, current, (r) => r.key);
        const prev = groupByKeys(codes, previousYear, (r) => r.key);
        const opened = orderByKeys(codes, open, (r) => r.key);
        return codes.map((_, i) => ({ current: cur[i], previousYear: prev[i], open: opened[i] }));
      }),
    { cacheKeyFn: (k) => `${argumentOf(k)}|${k.code}` },
  );
  return { categoryBySlug, statusHistory, incidentStats };
}

export type IncidentLoaders = ReturnType<typeof createIncidentLoaders>;
