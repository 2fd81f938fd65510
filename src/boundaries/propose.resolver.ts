import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';

import type { HubContext } from '../graphql/context';

import { AlignmentWeight, ProposedGrouping } from './boundaries.types';
import { proposeAreaGrouping } from './grouping-proposal';

@Resolver()
export class ProposeResolver {
  @Query(() => ProposedGrouping, {
    description:
      'Wards of one set grouped into k contiguous, non-empty areas to maximise the alignment score against the police layer, by exhaustive search.',
  })
  proposeAreaGrouping(
    @Arg('k', () => Int, { defaultValue: 4 }) k: number,
    @Arg('weight', () => AlignmentWeight, { defaultValue: AlignmentWeight.POPULATION }) weight: AlignmentWeight,
    @Arg('from', () => String, { defaultValue: '1900-01', description: 'Incidents weight: first month.' }) from: string,
    @Arg('to', () => String, { defaultValue: '2100-12', description: 'Incidents weight: last month.' }) to: string,
    @Arg('force', () => String, { defaultValue: 'derbyshire' }) force: string,
    @Arg('boundarySet', () => String, {
      nullable: true,
      description: 'The ward set whose wards are grouped (boundarySets lists them); default the current set.',
    })
    boundarySet: string | null,
    @Ctx() ctx: HubContext,
  ): Promise<ProposedGrouping> {
    return proposeAreaGrouping(ctx, k, weight, from, to, force, boundarySet);
  }
}
