import { Arg, Ctx, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';

import { LimitExceededError, NotFoundError } from '../errors';
import { assertLonLat } from '../geo/geojson';
import type { HubContext } from '../graphql/context';

import { toBoundarySet } from './boundary-set.resolver';
import { today } from './boundary-sets';
import { Area, BoundarySet, Location, Lsoa, PointInput, Ward } from './geography.types';
import { swapHint } from './swap-hint';

/** Most points one locateMany call takes; the answer is still one SQL statement. */
export const LOCATE_MANY_LIMIT = 10_000;

@Resolver(() => Location)
export class LocateResolver {
  @Query(() => Location, {
    description:
      'The ward, area and LSOA containing a WGS 84 point on a day (default today: the current wards); NOT_FOUND outside the city.',
  })
  async locate(
    @Arg('lon', () => Float) lon: number,
    @Arg('lat', () => Float) lat: number,
    @Arg('asOf', () => String, { nullable: true, description: 'The day (YYYY-MM-DD) whose wards and LSOAs to use.' })
    asOf: string | null,
    @Ctx() { geography, loaders }: HubContext,
  ): Promise<Location> {
    assertLonLat(lon, lat);
    const day = asOf ?? today();
    const set = (await loaders.wardSets()).inForce(day);
    const [row] = await geography.locate([[lon, lat]], day);
    if (!row?.wardCode) {
      const hint = await swapHint(geography, lon, lat);
      throw new NotFoundError(`No ward contains the point (lon ${lon}, lat ${lat}): it is outside the city${hint}`);
    }
    return { index: 0, lon, lat, ...row, boundarySetId: set.id };
  }

  @Query(() => [Location], {
    description: `Locates up to ${LOCATE_MANY_LIMIT} points in one statement, in input order; ward, area and lsoa are null outside the city.`,
  })
  async locateMany(
    @Arg('points', () => [PointInput]) points: PointInput[],
    @Arg('asOf', () => String, { nullable: true, description: 'The day (YYYY-MM-DD) whose wards and LSOAs to use.' })
    asOf: string | null,
    @Ctx() { geography, loaders }: HubContext,
  ): Promise<Location[]> {
    if (points.length > LOCATE_MANY_LIMIT) {
      throw new LimitExceededError('points', `at most ${LOCATE_MANY_LIMIT} per call`, points.length);
    }
    points.forEach((p, i) => assertLonLat(p.lon, p.lat, `points[${i}]`));
    const day = asOf ?? today();
    const set = (await loaders.wardSets()).inForce(day);
    const rows = await geography.locate(
      points.map((p) => [p.lon, p.lat] as const),
      day,
    );
    return rows.map((row) => ({
      ...row,
      index: row.idx,
      lon: points[row.idx].lon,
      lat: points[row.idx].lat,
      boundarySetId: set.id,
    }));
  }

  @FieldResolver(() => BoundarySet, { description: 'The ward set in force on the day asked about.' })
  async boundarySet(@Root() location: Location, @Ctx() { loaders }: HubContext): Promise<BoundarySet> {
    return toBoundarySet((await loaders.wardSets()).byId(location.boundarySetId));
  }

  @FieldResolver(() => Ward, { nullable: true })
  ward(@Root() location: Location, @Ctx() { loaders }: HubContext): Promise<Ward | null> | null {
    return location.wardCode ? loaders.wardByCode.load(location.wardCode) : null;
  }

  @FieldResolver(() => Area, { nullable: true })
  area(@Root() location: Location, @Ctx() { loaders }: HubContext): Promise<Area | null> | null {
    return location.areaCode
      ? loaders.areaByCode.load(location.areaCode).then((a) => a && { ...a, boundarySetId: location.boundarySetId })
      : null;
  }

  @FieldResolver(() => Lsoa, { nullable: true, description: 'Null also where generalised LSOA outlines leave a gap.' })
  lsoa(@Root() location: Location, @Ctx() { loaders }: HubContext): Promise<Lsoa | null> | null {
    return location.lsoaCode ? loaders.lsoaByCode.load(location.lsoaCode) : null;
  }
}
