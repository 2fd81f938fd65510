import type { Geometry } from 'geojson';
import { Arg, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';

import { NotFoundError } from '../errors';
import { GeoJSONScalar } from '../geo/geojson.scalar';
import type { HubContext } from '../graphql/context';

import { editionInfo } from './deprivation';
import { checkSimplify, toLsoaDeprivation } from './geography.fields';
import { Lsoa, LsoaDeprivation, Ward } from './geography.types';

@Resolver(() => Lsoa)
export class LsoaResolver {
  @Query(() => [Lsoa], {
    description:
      "A ward's LSOAs by the ONS best-fit lookup of its set (2011 LSOAs for a 2013 ward, 2021 LSOAs for a 2023 one), by code; NOT_FOUND for an unknown ward.",
  })
  async lsoas(@Arg('wardCode', () => String) wardCode: string, @Ctx() { loaders }: HubContext): Promise<Lsoa[]> {
    if (!(await loaders.wardByCode.load(wardCode))) {
      throw new NotFoundError(`No ward with code "${wardCode}"; ward codes look like E05001770`);
    }
    return loaders.lsoasByWard.load(wardCode);
  }

  @FieldResolver(() => Ward, {
    description:
      "Its ward by the ONS best-fit lookup: of the ward's set when reached through a ward, else of the latest set with one (today's, or for an LSOA retired before it, the set of its time).",
  })
  async ward(@Root() lsoa: Lsoa, @Ctx() { loaders }: HubContext): Promise<Ward> {
    return (await loaders.wardByCode.load(lsoa.wardCode)) as Ward;
  }

  @FieldResolver(() => Int, { description: 'ONS mid-2020 population estimate (same as populationMid2020).' })
  population(@Root() lsoa: Lsoa): number {
    return lsoa.populationMid2020;
  }

  @FieldResolver(() => GeoJSONScalar, { nullable: true, description: 'Its outline (RFC 7946).' })
  geometry(
    @Root() lsoa: Lsoa,
    @Arg('simplifyMetres', () => Float, { defaultValue: 0, description: 'Tolerance in metres, 0 to 1000.' })
    simplifyMetres: number,
    @Ctx() { loaders }: HubContext,
  ): Promise<Geometry | null> {
    return loaders.outline.load({ unit: 'lsoa', code: lsoa.code, simplifyMetres: checkSimplify(simplifyMetres) });
  }

  @FieldResolver(() => LsoaDeprivation, {
    nullable: true,
    description: 'Its figures in one edition; null where the edition has none (an LSOA split in 2021).',
  })
  async deprivation(
    @Root() lsoa: Lsoa,
    @Arg('edition', () => Int, { defaultValue: 2019, description: '2015, 2019 or 2025.' }) edition: number,
    @Ctx() { loaders }: HubContext,
  ): Promise<LsoaDeprivation | null> {
    editionInfo(edition);
    return toLsoaDeprivation(await loaders.lsoaDeprivation.load({ code: lsoa.code, edition }), edition);
  }
}
