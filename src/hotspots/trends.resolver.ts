import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';

import type { HubContext } from '../graphql/context';

import { hotspotAccuracy } from './accuracy';
import { HotspotAccuracy, HotspotInput, HotspotTrend, PersistentCell } from './hotspots.types';
import { hotspotTrend, persistentHotspots } from './trends';

@Resolver()
export class HotspotTrendResolver {
  @Query(() => [HotspotTrend], {
    description:
      'Hot spots over the period (contiguous cells hot at 95 %), each with monthly counts and a Mann-Kendall trend class.',
  })
  hotspotTrend(@Arg('input', () => HotspotInput) input: HotspotInput, @Ctx() ctx: HubContext): Promise<HotspotTrend[]> {
    return hotspotTrend(ctx, input);
  }

  @Query(() => [PersistentCell], {
    description:
      'Cells hot at 95 % in at least minSignificantMonths of the last `months` months up to input.to: problems not being resolved.',
  })
  persistentHotspots(
    @Arg('input', () => HotspotInput) input: HotspotInput,
    @Arg('months', () => Int) months: number,
    @Arg('minSignificantMonths', () => Int) minSignificantMonths: number,
    @Ctx() ctx: HubContext,
  ): Promise<PersistentCell[]> {
    return persistentHotspots(ctx, input, months, minSignificantMonths);
  }

  @Query(() => HotspotAccuracy, {
    description:
      'Predictive Accuracy Index: cells hot at 95 % in the input period, scored on the incidents of a later test period.',
  })
  hotspotAccuracy(
    @Arg('input', () => HotspotInput, {
      description: 'The flagging analysis (its from and to are the flagging period).',
    })
    input: HotspotInput,
    @Arg('testFrom', () => String) testFrom: string,
    @Arg('testTo', () => String) testTo: string,
    @Ctx() ctx: HubContext,
  ): Promise<HotspotAccuracy> {
    return hotspotAccuracy(ctx, input, testFrom, testTo);
  }
}
