import { Arg, Ctx, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';

import { LimitExceededError, NotFoundError } from '../errors';
import { assertLonLat } from '../geo/geojson';
import type { HubContext } from '../graphql/context';

import { Area, Location, Lsoa, PointInput, Ward } from './geography.types';
import { swapHint } from './swap-hint';

/** Most points one locateMany call takes; the answer is still one SQL statement. */
export const LOCATE_MANY_LIMIT = 10_000;

@Resolver(() => Location)
export class LocateResolver {
  @Query(() => Location, {
    description: 'The ward, area and LSOA containing a WGS 84 point; NOT_FOUND outside the city.',
  })
  async locate(
    @Arg('lon', () => Float) lon: number,
    @Arg('lat', () => Float) lat: number,
    @Ctx() { geography }: HubContext,
  ): Promise<Location> {
    assertLonLat(lon, lat);
    const [row] = await geography.locate([[lon, lat]]);
    if (!row?.wardCode) {
      const hint = await swapHint(geography, lon, lat);
      throw new NotFoundError(`No ward contains the point (lon ${lon}, lat ${lat}): it is outside the city${hint}`);
    }
    return { index: 0, lon, lat, ...row };
  }

  @Query(() => [Location], {
    description: `Locates up to ${LOCATE_MANY_LIMIT} points in one statement, in input order; ward, area and lsoa are null outside the city.`,
  })
  async locateMany(
    @Arg('points', () => [PointInput]) points: PointInput[],
    @Ctx() { geography }: HubContext,
  ): Promise<Location[]> {
    if (points.length > LOCATE_MANY_LIMIT) {
      throw new LimitExceededError('points', `at most ${LOCATE_MANY_LIMIT} per call`, points.length);
    }
    points.forEach((p, i) => assertLonLat(p.lon, p.lat, `points[${i}]`));
    const rows = await geography.locate(points.map((p) => [p.lon, p.lat] as const));
    return rows.map((row) => ({ ...row, index: row.idx, lon: points[row.idx].lon, lat: points[row.idx].lat }));
  }

  @FieldResolver(() => Ward, { nullable: true })
  ward(@Root() location: Location, @Ctx() { loaders }: HubContext): Promise<Ward | null> | null {
    return location.wardCode ? loaders.wardByCode.load(location.wardCode) : null;
  }

  @FieldResolver(() => Area, { nullable: true })
  area(@Root() location: Location, @Ctx() { loaders }: HubContext): Promise<Area | null> | null {
    return location.areaCode ? loaders.areaByCode.load(location.areaCode) : null;
  }

  @FieldResolver(() => Lsoa, { nullable: true, description: 'Null also where generalised LSOA outlines leave a gap.' })
  lsoa(@Root() location: Location, @Ctx() { loaders }: HubContext): Promise<Lsoa | null> | null {
    return location.lsoaCode ? loaders.lsoaByCode.load(location.lsoaCode) : null;
  }
}
