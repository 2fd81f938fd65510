import { Arg, type ClassType, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';

import { Disclosing } from '../auth/disclosure';
import { PoliceNeighbourhood } from '../boundaries/boundaries.types';
import { UnknownCategoryError } from '../errors';
import { Area, Ward } from '../geography/geography.types';
import type { CountedUnit } from '../geography/units';
import type { HubContext, Loaders } from '../graphql/context';

import { CategoryCount, IncidentCategory, IncidentStats } from './incidents.types';
import { period } from './period';
import { composeStats } from './stats';

async function checkedCategories(categories: string[] | null, loaders: Loaders): Promise<string[] | null> {
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

/** Where each unit's residents come from (for the rate per 1,000). */
const POPULATION: Record<CountedUnit, (loaders: Loaders, key: string) => Promise<number>> = {
  ward: (loaders, key) => loaders.wardPopulation.load(key),
  area: (loaders, key) => loaders.areaPopulation.load(key),
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
 */
function statsResolverOf<T extends object>(type: ClassType<T>, unit: CountedUnit, keyOf: (root: T) => string) {
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
      const [rows, population] = await Promise.all([
        loaders.incidentStats.load({ unit, code: key, from: p.from, to: p.to, categories: cats }),
        POPULATION[unit](loaders, key),
      ]);
      return composeStats(p, rows, population, new Disclosing(caller));
    }
  }
  return UnitStatsResolver;
}

export const WardStatsResolver = statsResolverOf(Ward, 'ward', (w) => w.code);
export const AreaStatsResolver = statsResolverOf(Area, 'area', (a) => a.code);
export const PoliceNeighbourhoodStatsResolver = statsResolverOf(PoliceNeighbourhood, 'policeNeighbourhood', (n) =>
  String(n.id),
);

@Resolver(() => CategoryCount)
export class CategoryCountResolver {
  @FieldResolver(() => IncidentCategory)
  async category(@Root() count: CategoryCount, @Ctx() { loaders }: HubContext): Promise<IncidentCategory> {
    return (await loaders.categoryBySlug.load(count.categorySlug)) as IncidentCategory;
  }
}
