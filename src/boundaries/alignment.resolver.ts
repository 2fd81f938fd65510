import type { FeatureCollection } from 'geojson';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';

import { NoLayerError } from '../errors';
import { GeoJSONScalar } from '../geo/geojson.scalar';
import type { HubContext } from '../graphql/context';

import { boundaryAlignment } from './alignment-report';
import { BoundaryAlignment } from './boundaries.types';
import { alignmentOverlay } from './overlay';

const BOUNDARY_SET = {
  nullable: true,
  description: 'The ward set whose wards make the areas (boundarySets lists them); default the current set.',
};

@Resolver()
export class AlignmentResolver {
  @Query(() => GeoJSONScalar, {
    description:
      'The pieces where an area and a police neighbourhood disagree, as a GeoJSON FeatureCollection (also GET /geojson/alignment), with both names and the land and residents in each, and the ward set used as its boundarySet member.',
  })
  async alignmentOverlay(
    @Arg('force', () => String, { defaultValue: 'derbyshire' }) force: string,
    @Arg('boundarySet', () => String, BOUNDARY_SET) boundarySet: string | null,
    @Ctx() { db }: HubContext,
  ): Promise<FeatureCollection> {
    const overlay = await alignmentOverlay(db, force, boundarySet);
    if (!overlay) {
      throw new NoLayerError(force);
    }
    return overlay;
  }

  @Query(() => BoundaryAlignment, {
    description:
      'Where the areas and the police neighbourhoods agree: shared land, residents and incidents per pair, a score per area, shares per ward, and one score for the grouping.',
  })
  boundaryAlignment(
    @Arg('from', () => String, { description: 'First month of the incidents counted, YYYY-MM.' }) from: string,
    @Arg('to', () => String, { description: 'Last month, YYYY-MM.' }) to: string,
    @Arg('force', () => String, { defaultValue: 'derbyshire' }) force: string,
    @Arg('boundarySet', () => String, BOUNDARY_SET) boundarySet: string | null,
    @Ctx() ctx: HubContext,
  ): Promise<BoundaryAlignment> {
    return boundaryAlignment(ctx, force, from, to, boundarySet);
  }
}
