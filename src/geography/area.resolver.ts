import type { Geometry } from 'geojson';
import { Arg, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';

import { NotFoundError } from '../errors';
import { GeoJSONScalar } from '../geo/geojson.scalar';
import type { HubContext } from '../graphql/context';

import { editionInfo } from './deprivation';
import { checkSimplify, toSummary } from './geography.fields';
import { Area, DeprivationSummary, Ward } from './geography.types';

@Resolver(() => Area)
export class AreaResolver {
  @Query(() => [Area], { description: 'Every area, by name.' })
  async areas(@Ctx() { geography, loaders }: HubContext): Promise<Area[]> {
    const rows = await geography.allAreas();
    rows.forEach((row) => loaders.areaByCode.prime(row.code, row));
    return rows;
  }

  @Query(() => Area, { description: 'One area by code; NOT_FOUND when there is none.' })
  async area(@Arg('code', () => String) code: string, @Ctx() { loaders }: HubContext): Promise<Area> {
    const area = await loaders.areaByCode.load(code);
    if (!area) {
      throw new NotFoundError(`No area with code "${code}"; the areas query lists them`);
    }
    return area;
  }

  @FieldResolver(() => [Ward], { description: 'Its wards, by name.' })
  wards(@Root() area: Area, @Ctx() { loaders }: HubContext): Promise<Ward[]> {
    return loaders.wardsByArea.load(area.code);
  }

  @FieldResolver(() => Float, { description: 'Mid-2020 population of its wards (LSOAs apportioned by area).' })
  population(@Root() area: Area, @Ctx() { loaders }: HubContext): Promise<number> {
    return loaders.areaPopulation.load(area.code);
  }

  @FieldResolver(() => GeoJSONScalar, { nullable: true, description: 'The union of its wards.' })
  geometry(
    @Root() area: Area,
    @Arg('simplifyMetres', () => Float, { defaultValue: 0, description: 'Tolerance in metres, 0 to 1000.' })
    simplifyMetres: number,
    @Ctx() { loaders }: HubContext,
  ): Promise<Geometry | null> {
    return loaders.outline.load({ unit: 'area', code: area.code, simplifyMetres: checkSimplify(simplifyMetres) });
  }

  @FieldResolver(() => DeprivationSummary, { nullable: true, description: 'Indices of Deprivation over its LSOAs.' })
  async deprivation(
    @Root() area: Area,
    @Arg('edition', () => Int, { defaultValue: 2019, description: '2015, 2019 or 2025.' }) edition: number,
    @Ctx() { loaders }: HubContext,
  ): Promise<DeprivationSummary | null> {
    editionInfo(edition);
    return toSummary(await loaders.deprivationRollup.load({ level: 'area', code: area.code, edition }), edition);
  }
}
