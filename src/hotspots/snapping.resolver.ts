import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';

import type { HubContext } from '../graphql/context';
import { DataQuality } from '../incidents/incidents.types';

import { snappingOf } from './snapping';
import { SnappingInput, SourceSnapping } from './snapping.types';

/** dataQuality's measure of snapped points, resolved only when asked: it reads every incident of the extent. */
@Resolver(() => DataQuality)
export class SnappingResolver {
  @FieldResolver(() => [SourceSnapping], {
    description:
      "Per source over the period and an extent (default the whole city): whether its points are snapped, its distinct points, incidents per point and the points' typical spacing.",
  })
  async snapping(
    @Root() quality: DataQuality,
    @Arg('input', () => SnappingInput, { nullable: true }) input: SnappingInput | null,
    @Ctx() ctx: HubContext,
  ): Promise<SourceSnapping[]> {
    return snappingOf(ctx, quality.from, quality.to, input, await ctx.incidents.sources());
  }
}
