import { Arg, Ctx, Query, Resolver } from 'type-graphql';

import type { HubContext } from '../graphql/context';

import { AllocationResult, ProposeAllocationInput } from './allocation.types';
import { computeAllocation } from './allocation-analysis';

@Resolver()
export class AllocationResolver {
  @Query(() => AllocationResult, {
    description:
      'Officer posts and money spread over the priority units of a ranking (priorityNeighbourhoods with the same priority input): the top units a dedicated post each, the rest half a post shared in pairs, every unit a floor and the rest of the budget by need, in whole pounds that add up exactly. Each line says why. Impossible input is refused with BAD_USER_INPUT saying why; nothing is written.',
  })
  proposeAllocation(
    @Arg('input', () => ProposeAllocationInput) input: ProposeAllocationInput,
    @Ctx() ctx: HubContext,
  ): Promise<AllocationResult> {
    return computeAllocation(ctx, input);
  }
}
