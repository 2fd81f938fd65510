import { Arg, type ClassType, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';

import { Disclosing } from '../auth/disclosure';
import { analysisSet, monthsOnSet } from '../boundaries/analysis-set';
import { PoliceNeighbourhood } from '../boundaries/boundaries.types';
import { UnknownCategoryError } from '../errors';
import { Area, Ward } from '../geography/geography.types';
import type { CountedUnit } from '../geography/units';
import type { HubContext, Loaders } from '../graphql/context';

import { CategoryCount, IncidentCategory, IncidentStats } from './incidents.types';
import { period } from './period';
import { composeStats } from './stats';

export async function checkedCategories(categories: string[] | null, loaders: Loaders): Promise<string[] | null> {
  if (!categories || categories.length === 0) {
    return null;
  }
  const found = await loaders.categoryBySlug.loadMany(categories);
  const missing = categories.filter((_, i) => !found[i] || found[i] instanceof Error);
  if (missing.length > 0) {
    throw new UnknownCategoryError(missing);
  }
  return [...new Set(categories)].sort();
}

/** Where each unit's residents come from (for the rate per 1,000); `setId` is the ward set of an area. */
const POPULATION: Record<CountedUnit, (loaders: Loaders, key: string, setId: string | null) => Promise<number>> = {
  ward: (loaders, key) => loaders.wardPopulation.load(key),
  area: (loaders, key, setId) => loaders.areaPopulation.load({ code: key, setId: setId as string }),
  policeNeighbourhood: (loaders, key) => loaders.policeNeighbourhoodPopulation.load(Number(key)),
};

const FROM = { description: 'First month, YYYY-MM.' };
const TO = { description: 'Last month, YYYY-MM (inclusive).' };
const CATEGORIES = { nullable: true, description: 'Only these category slugs.' };
const STATS = {
  description:
    'Incident counts by category and month, rate per 1,000 residents, change on a year earlier, open issues.',
};

/**
 * The `stats` field of one kind of unit: the same arguments and figures for wards, areas and
 * police neighbourhoods, one resolver class per GraphQL type (type-graphql binds a field
 * resolver to one type).
 * @param type the GraphQL object type
 * @param unit which incident column counts it
 * @param keyOf the unit's key: its code, or a neighbourhood's id
 * @param setOf the ward set the unit is on (null for units that do not depend on wards): a set
 *   other than the current one counts each incident by its ward of its month, over the months the
 *   set was in force
 */
function statsResolverOf<T extends object>(
  type: ClassType<T>,
  unit: CountedUnit,
  keyOf: (root: T) => string,
  setOf: (root: T) => string | null,
) {
  @Resolver(() => type)
  class UnitStatsResolver {
    @FieldResolver(() => IncidentStats, STATS)
    async stats(
      @Root() root: T,
      @Arg('from', () => String, FROM) from: string,
      @Arg('to', () => String, TO) to: string,
      @Arg('categories', () => [String], CATEGORIES) categories: string[] | null,
      @Ctx() { loaders, caller }: HubContext,
    ): Promise<IncidentStats> {
      const p = period(from, to);
      const key = keyOf(root);
      const cats = await checkedCategories(categories, loaders);
      const setId = setOf(root);
      // Police neighbourhoods do not depend on wards: they count on the current placement.
      const on = await analysisSet(loaders, setId);
      const { counted, notOnSet } = setId ? monthsOnSet(on, p) : { counted: p, notOnSet: [] };
      const [rows, population] = await Promise.all([
        counted
          ? loaders.incidentStats.load({ unit, code: key, ...counted, categories: cats, placement: on.placement })
          : { current: [], previousYear: [], open: null },
        POPULATION[unit](loaders, key, setId),
      ]);
      return {
        ...composeStats(p, rows, population, new Disclosing(caller)),
        boundarySet: setId,
        monthsNotOnSet: notOnSet,
      };
    }
  }
  return UnitStatsResolver;
}

export const WardStatsResolver = statsResolverOf(
  Ward,
  'ward',
  (w) => w.code,
  (w) => w.boundarySetId,
);
export const AreaStatsResolver = statsResolverOf(
  Area,
  'area',
  (a) => a.code,
  (a) => a.boundarySetId,
);
export const PoliceNeighbourhoodStatsResolver = statsResolverOf(
  PoliceNeighbourhood,
  'policeNeighbourhood',
  (n) => String(n.id),
  () => null,
);

@Resolver(() => CategoryCount)
export class CategoryCountResolver {
  @FieldResolver(() => IncidentCategory)
  async category(@Root() count: CategoryCount, @Ctx() { loaders }: HubContext): Promise<IncidentCategory> {
    return (await loaders.categoryBySlug.load(count.categorySlug)) as IncidentCategory;
  }
}
