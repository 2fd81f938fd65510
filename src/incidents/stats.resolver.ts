import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';

import { Disclosing } from '../auth/disclosure';
import { PoliceNeighbourhood } from '../boundaries/boundaries.types';
import { UnknownCategoryError } from '../errors';
import { Area, Ward } from '../geography/geography.types';
import type { HubContext, Loaders } from '../graphql/context';

import type { StatsLevel } from './incidents.service';
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

async function stats(
  level: StatsLevel,
  code: string,
  from: string,
  to: string,
  categories: string[] | null,
  { loaders, caller }: HubContext,
): Promise<IncidentStats> {
  const p = period(from, to);
  const cats = await checkedCategories(categories, loaders);
  const [rows, population] = await Promise.all([
    loaders.incidentStats.load({ level, code, from: p.from, to: p.to, categories: cats }),
    level === 'ward'
      ? loaders.wardPopulation.load(code)
      : level === 'area'
        ? loaders.areaPopulation.load(code)
        : loaders.neighbourhoodPopulation.load(Number(code)),
  ]);
  return composeStats(p, rows, population, new Disclosing(caller));
}

const FROM = { description: 'First month, YYYY-MM.' };
const TO = { description: 'Last month, YYYY-MM (inclusive).' };
const CATEGORIES = { nullable: true, description: 'Only these category slugs.' };
const STATS = {
  description:
    'Incident counts by category and month, rate per 1,000 residents, change on a year earlier, open issues.',
};

@Resolver(() => Ward)
export class WardStatsResolver {
  @FieldResolver(() => IncidentStats, STATS)
  stats(
    @Root() ward: Ward,
    @Arg('from', () => String, FROM) from: string,
    @Arg('to', () => String, TO) to: string,
    @Arg('categories', () => [String], CATEGORIES) categories: string[] | null,
    @Ctx() ctx: HubContext,
  ): Promise<IncidentStats> {
    return stats('ward', ward.code, from, to, categories, ctx);
  }
}

@Resolver(() => Area)
export class AreaStatsResolver {
  @FieldResolver(() => IncidentStats, STATS)
  stats(
    @Root() area: Area,
    @Arg('from', () => String, FROM) from: string,
    @Arg('to', () => String, TO) to: string,
    @Arg('categories', () => [String], CATEGORIES) categories: string[] | null,
    @Ctx() ctx: HubContext,
  ): Promise<IncidentStats> {
    return stats('area', area.code, from, to, categories, ctx);
  }
}

@Resolver(() => PoliceNeighbourhood)
export class NeighbourhoodStatsResolver {
  @FieldResolver(() => IncidentStats, STATS)
  stats(
    @Root() n: PoliceNeighbourhood,
    @Arg('from', () => String, FROM) from: string,
    @Arg('to', () => String, TO) to: string,
    @Arg('categories', () => [String], CATEGORIES) categories: string[] | null,
    @Ctx() ctx: HubContext,
  ): Promise<IncidentStats> {
    return stats('snt', String(n.id), from, to, categories, ctx);
  }
}

@Resolver(() => CategoryCount)
export class CategoryCountResolver {
  @FieldResolver(() => IncidentCategory)
  async category(@Root() count: CategoryCount, @Ctx() { loaders }: HubContext): Promise<IncidentCategory> {
    return (await loaders.categoryBySlug.load(count.categorySlug)) as IncidentCategory;
  }
}
