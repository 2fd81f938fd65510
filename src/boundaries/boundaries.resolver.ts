import type { Geometry } from 'geojson';
import { Arg, Ctx, FieldResolver, Float, ID, Query, Resolver, Root } from 'type-graphql';

import { NotFoundError } from '../errors';
import { GeoJSONScalar } from '../geo/geojson.scalar';
import { checkSimplify } from '../geography/geography.fields';
import { Location, Ward } from '../geography/geography.types';
import type { HubContext } from '../graphql/context';

import { BoundariesService } from './boundaries.service';
import { PoliceNeighbourhood, WardOverlap } from './boundaries.types';

@Resolver(() => PoliceNeighbourhood)
export class PoliceNeighbourhoodResolver {
  @Query(() => [PoliceNeighbourhood], { description: "The neighbourhoods of each force's current layer, by code." })
  async policeNeighbourhoods(
    @Arg('force', () => String, { nullable: true, description: 'data.police.uk force id; all forces when absent.' })
    force: string | null,
    @Ctx() { db, loaders }: HubContext,
  ): Promise<PoliceNeighbourhood[]> {
    const rows = await new BoundariesService(db).current(force);
    rows.forEach((row) => loaders.policeNeighbourhoodById.prime(row.id, row));
    return rows;
  }

  @Query(() => PoliceNeighbourhood, {
    description: 'One neighbourhood by id (of any layer version); NOT_FOUND when none.',
  })
  async policeNeighbourhood(
    @Arg('id', () => ID) id: string,
    @Ctx() { loaders }: HubContext,
  ): Promise<PoliceNeighbourhood> {
    // Ids are PostgreSQL integers: anything else names no neighbourhood, and never reaches SQL.
    const row =
      /^\d{1,10}$/.test(id) && Number(id) <= 2_147_483_647
        ? await loaders.policeNeighbourhoodById.load(Number(id))
        : null;
    if (!row) {
      throw new NotFoundError(
        `No police neighbourhood with id "${id.slice(0, 40)}"; the policeNeighbourhoods query lists them`,
      );
    }
    return row;
  }

  @FieldResolver(() => GeoJSONScalar, { nullable: true, description: 'Its outline (RFC 7946).' })
  geometry(
    @Root() n: PoliceNeighbourhood,
    @Arg('simplifyMetres', () => Float, { defaultValue: 0, description: 'Tolerance in metres, 0 to 1000.' })
    simplifyMetres: number,
    @Ctx() { loaders }: HubContext,
  ): Promise<Geometry | null> {
    return loaders.outline.load({
      unit: 'policeNeighbourhood',
      code: String(n.id),
      simplifyMetres: checkSimplify(simplifyMetres),
    });
  }

  @FieldResolver(() => [WardOverlap], {
    description: 'The wards it touches, with the share of its land in each, largest first.',
  })
  async wards(@Root() n: PoliceNeighbourhood, @Ctx() { loaders }: HubContext): Promise<WardOverlap[]> {
    const overlaps = await loaders.policeNeighbourhoodWards.load(n.id);
    const wards = await loaders.wardByCode.loadMany(overlaps.map((o) => o.wardCode));
    return overlaps.map((o, i) => ({ ...o, ward: wards[i] as Ward }));
  }
}

@Resolver(() => Location)
export class LocationNeighbourhoodResolver {
  @FieldResolver(() => PoliceNeighbourhood, {
    nullable: true,
    description: "The current layer's police neighbourhood containing the point.",
  })
  async policeNeighbourhood(
    @Root() location: Location,
    @Ctx() { loaders }: HubContext,
  ): Promise<PoliceNeighbourhood | null> {
    const id = await loaders.policeNeighbourhoodAt.load(`${location.lon},${location.lat}`);
    return id === null ? null : loaders.policeNeighbourhoodById.load(id);
  }
}
