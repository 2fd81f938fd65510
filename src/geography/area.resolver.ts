import type { Geometry } from 'geojson';
import { Arg, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';

import { NotFoundError } from '../errors';
import { GeoJSONScalar } from '../geo/geojson.scalar';
import type { HubContext } from '../graphql/context';

import { toBoundarySet } from './boundary-set.resolver';
import { editionInfo } from './deprivation';
import { checkSimplify, toSummary } from './geography.fields';
import { Area, BoundarySet, DeprivationSummary, Ward } from './geography.types';

const AS_OF = { nullable: true, description: 'The wards in force on this day (YYYY-MM-DD); default today.' };
const BOUNDARY_SET = { nullable: true, description: 'The wards of this boundary set.' };

@Resolver(() => Area)
export class AreaResolver {
  @Query(() => [Area], {
    description:
      'Every area, by name, made of the wards of one set (the current set unless asOf or boundarySet says otherwise).',
  })
  async areas(
    @Arg('asOf', () => String, AS_OF) asOf: string | null,
    @Arg('boundarySet', () => String, BOUNDARY_SET) boundarySet: string | null,
    @Ctx() { geography, loaders }: HubContext,
  ): Promise<Area[]> {
    const set = (await loaders.wardSets()).choose({ asOf, boundarySet });
    const rows = await geography.allAreas();
    rows.forEach((row) => loaders.areaByCode.prime(row.code, row));
    return rows.map((row) => ({ ...row, boundarySetId: set.id }));
  }

  @Query(() => Area, { description: 'One area by code, on one ward set as for areas; NOT_FOUND when there is none.' })
  async area(
    @Arg('code', () => String) code: string,
    @Arg('asOf', () => String, AS_OF) asOf: string | null,
    @Arg('boundarySet', () => String, BOUNDARY_SET) boundarySet: string | null,
    @Ctx() { loaders }: HubContext,
  ): Promise<Area> {
    const set = (await loaders.wardSets()).choose({ asOf, boundarySet });
    const area = await loaders.areaByCode.load(code);
    if (!area) {
      throw new NotFoundError(`No area with code "${code}"; the areas query lists them`);
    }
    return { ...area, boundarySetId: set.id };
  }

  @FieldResolver(() => BoundarySet, { description: 'The ward set its wards, outline and figures come from.' })
  async boundarySet(@Root() area: Area, @Ctx() { loaders }: HubContext): Promise<BoundarySet> {
    return toBoundarySet((await loaders.wardSets()).byId(area.boundarySetId));
  }

  @FieldResolver(() => [Ward], { description: 'Its wards in its set, by name.' })
  wards(@Root() area: Area, @Ctx() { loaders }: HubContext): Promise<Ward[]> {
    return loaders.wardsByArea.load({ code: area.code, setId: area.boundarySetId });
  }

  @FieldResolver(() => Float, { description: 'Mid-2020 population of its wards (LSOAs apportioned by area).' })
  population(@Root() area: Area, @Ctx() { loaders }: HubContext): Promise<number> {
    return loaders.areaPopulation.load({ code: area.code, setId: area.boundarySetId });
  }

  @FieldResolver(() => GeoJSONScalar, { nullable: true, description: 'The union of its wards.' })
  geometry(
    @Root() area: Area,
    @Arg('simplifyMetres', () => Float, { defaultValue: 0, description: 'Tolerance in metres, 0 to 1000.' })
    simplifyMetres: number,
    @Ctx() { loaders }: HubContext,
  ): Promise<Geometry | null> {
    return loaders.outline.load({
      unit: 'area',
      code: area.code,
      simplifyMetres: checkSimplify(simplifyMetres),
      setId: area.boundarySetId,
    });
  }

  @FieldResolver(() => DeprivationSummary, { nullable: true, description: 'Indices of Deprivation over its LSOAs.' })
  async deprivation(
    @Root() area: Area,
    @Arg('edition', () => Int, { defaultValue: 2019, description: '2015, 2019 or 2025.' }) edition: number,
    @Ctx() { loaders }: HubContext,
  ): Promise<DeprivationSummary | null> {
    editionInfo(edition);
    return toSummary(
      await loaders.deprivationRollup.load({ level: 'area', code: area.code, edition, setId: area.boundarySetId }),
      edition,
    );
  }
}
