import { Arg, Ctx, Query, Resolver } from 'type-graphql';

import type { HubContext } from '../graphql/context';

import { NeedInput, NeedResult, PriorityInput, PriorityResult } from './need.types';
import { computeNeed, computePriority, TIE_RULE } from './need-analysis';

@Resolver()
export class NeedResolver {
  @Query(() => NeedResult, {
    description:
      'A need index for every unit of a level: each component (IMD or a domain of an edition, crime and ASB per 1,000 residents, open street-scene problems and their median age, the trend) with its raw value, its standardised value and its weight; index = Σ weight × standardised / Σ weight. Computed from the figures the hub holds; nothing is written.',
  })
  need(@Arg('input', () => NeedInput) input: NeedInput, @Ctx() ctx: HubContext): Promise<NeedResult> {
    return computeNeed(ctx, input);
  }

  @Query(() => PriorityResult, {
    description: `Units ranked by need (rank 1 = most need), the top n marked priority, every unit given a tier RED, AMBER or GREEN, each with the components that put it there. Ties: ${TIE_RULE}.`,
  })
  priorityNeighbourhoods(
    @Arg('input', () => PriorityInput) input: PriorityInput,
    @Ctx() ctx: HubContext,
  ): Promise<PriorityResult> {
    return computePriority(ctx, input);
  }
}
