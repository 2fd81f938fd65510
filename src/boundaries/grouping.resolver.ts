import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';

import type { Area, Ward } from '../geography/geography.types';
import type { HubContext } from '../graphql/context';

import { WardAreaInput, WardAreasResult } from './boundaries.types';
import { MAX_ON_BEHALF_OF, setWardAreas } from './set-ward-areas';

@Resolver()
export class GroupingResolver {
  @Mutation(() => WardAreasResult, {
    description:
      'For administrators: moves wards of one set between areas in one transaction, refusing a grouping that leaves an area empty or in pieces in that set, recording who moved what and when (the authenticated administrator, and whom they acted for), and re-assigning incidents.',
  })
  async setWardAreas(
    @Arg('assignments', () => [WardAreaInput]) assignments: WardAreaInput[],
    @Arg('onBehalfOf', () => String, {
      nullable: true,
      description: `Whom the administrator acts for, when not themselves (recorded beside them; at most ${MAX_ON_BEHALF_OF} characters).`,
    })
    onBehalfOf: string | null,
    @Arg('boundarySet', () => String, {
      nullable: true,
      description:
        'The ward set grouped (boundarySets lists them); every ward named must belong to it. Default: the set of the first ward named.',
    })
    boundarySet: string | null,
    @Ctx() { transact, loaders, caller }: HubContext,
  ): Promise<WardAreasResult> {
    const result = await transact((db) => setWardAreas(db, assignments, caller.identity, onBehalfOf, boundarySet));
    loaders.wardByCode.clearAll();
    const area = async (code: string): Promise<Area> => ({
      ...((await loaders.areaByCode.load(code)) as Area),
      boundarySetId: result.boundarySet,
    });
    return {
      changeSet: result.changeSet,
      incidentsReassigned: result.incidentsReassigned,
      boundarySet: result.boundarySet,
      moves: await Promise.all(
        result.moves.map(async (m) => ({
          ward: (await loaders.wardByCode.load(m.wardCode)) as Ward,
          from: await area(m.fromArea),
          to: await area(m.toArea),
        })),
      ),
    };
  }
}
