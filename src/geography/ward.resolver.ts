import type { Geometry } from 'geojson';
import { Arg, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';

import { NotFoundError } from '../errors';
import { GeoJSONScalar } from '../geo/geojson.scalar';
import type { HubContext } from '../graphql/context';

import { editionInfo } from './deprivation';
import { checkSimplify, toSummary } from './geography.fields';
import { Area, DeprivationSummary, Lsoa, Ward, WardFilter } from './geography.types';

@Resolver(() => Ward)
export class WardResolver {
  @Query(() => [Ward], { description: 'Wards, by name, optionally of one area or matching a name.' })
  async wards(
    @Arg('filter', () => WardFilter, { nullable: true }) filter: WardFilter | null,
    @Ctx() { geography, loaders }: HubContext,
  ): Promise<Ward[]> {
    const rows = await geography.wards(filter ?? {});
    rows.forEach((row) => loaders.wardByCode.prime(row.code, row));
    return rows;
  }

  @Query(() => Ward, { description: 'One ward by ONS code; NOT_FOUND when there is none.' })
  async ward(@Arg('code', () => String) code: string, @Ctx() { loaders }: HubContext): Promise<Ward> {
    const ward = await loaders.wardByCode.load(code);
    if (!ward) {
      throw new NotFoundError(`No ward with code "${code}"; ward codes look like E05001770`);
    }
    return ward;
  }

  @FieldResolver(() => Area)
  async area(@Root() ward: Ward, @Ctx() { loaders }: HubContext): Promise<Area> {
    return (await loaders.areaByCode.load(ward.areaCode)) as Area;
  }

  @FieldResolver(() => Float, { description: 'Mid-2020 population: its LSOAs, apportioned by area where split.' })
  population(@Root() ward: Ward, @Ctx() { loaders }: HubContext): Promise<number> {
    return loaders.wardPopulation.load(ward.code);
  }

  @FieldResolver(() => GeoJSONScalar, { nullable: true, description: 'Its outline (RFC 7946).' })
  geometry(
    @Root() ward: Ward,
    @Arg('simplifyMetres', () => Float, { defaultValue: 0, description: 'Tolerance in metres, 0 to 1000.' })
    simplifyMetres: number,
    @Ctx() { loaders }: HubContext,
  ): Promise<Geometry | null> {
    return loaders.outline.load({ unit: 'ward', code: ward.code, simplifyMetres: checkSimplify(simplifyMetres) });
  }

  @FieldResolver(() => [Ward], { description: 'Wards sharing a boundary line with it, by name.' })
  async neighbours(@Root() ward: Ward, @Ctx() { loaders }: HubContext): Promise<Ward[]> {
    const codes = await loaders.neighbourCodes.load(ward.code);
    return (await loaders.wardByCode.loadMany(codes)) as Ward[];
  }

  @FieldResolver(() => [Lsoa], { description: 'Its LSOAs by the ONS best-fit lookup.' })
  lsoas(@Root() ward: Ward, @Ctx() { loaders }: HubContext): Promise<Lsoa[]> {
    return loaders.lsoasByWard.load(ward.code);
  }

  @FieldResolver(() => DeprivationSummary, { nullable: true, description: 'Indices of Deprivation over its LSOAs.' })
  async deprivation(
    @Root() ward: Ward,
    @Arg('edition', () => Int, { defaultValue: 2019, description: '2015, 2019 or 2025.' }) edition: number,
    @Ctx() { loaders }: HubContext,
  ): Promise<DeprivationSummary | null> {
    editionInfo(edition);
    return toSummary(await loaders.deprivationRollup.load({ level: 'ward', code: ward.code, edition }), edition);
  }
}
