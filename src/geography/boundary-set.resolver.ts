import { Ctx, Query, Resolver } from 'type-graphql';

import type { HubContext } from '../graphql/context';

import type { BoundarySetRow } from './geography.service';
import { BoundarySet } from './geography.types';

/** A boundary set as the API shows it. */
export function toBoundarySet(row: BoundarySetRow): BoundarySet {
  return {
    id: row.id,
    kind: row.kind,
    vintage: row.vintage,
    validFrom: row.validFrom,
    validTo: row.validTo,
    current: row.validTo === null,
    lsoaSet: row.lsoaSetId,
    source: row.source,
    licence: row.licence,
  };
}

@Resolver(() => BoundarySet)
export class BoundarySetResolver {
  @Query(() => [BoundarySet], {
    description:
      'Every boundary set the hub holds, wards then LSOAs, oldest first, each with the period it was in force.',
  })
  async boundarySets(@Ctx() { loaders }: HubContext): Promise<BoundarySet[]> {
    const [wards, lsoas] = [await loaders.wardSets(), await loaders.lsoaSets()];
    return [...wards.all(), ...lsoas.all()].map(toBoundarySet);
  }
}
