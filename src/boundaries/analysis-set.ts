import { WrongBoundarySetError } from '../errors';
import { BoundarySets } from '../geography/boundary-sets';
import type { BoundarySetRow } from '../geography/geography.service';
import type { Loaders } from '../graphql/context';
import type { Placement } from '../incidents/incidents.service';
import { monthsOf, type Period } from '../incidents/period';

import type { AlignmentScope } from './boundaries.service';

/** The ward set an analysis works on, and which of an incident's two placements puts it there. */
export interface AnalysisSet {
  set: BoundarySetRow;
  /**
   * 'current': incidents by their ward and area in the current set; 'month': by those of the set
   * in force in their month, which for an earlier set are its own wards over the months it held.
   */
  placement: Placement;
}

/**
 * The ward set an analysis asked for, the current one when none is named.
 * @throws NotFoundError naming the sets held, for a set the hub does not hold
 */
export async function analysisSet(
  loaders: Pick<Loaders, 'wardSets'>,
  boundarySet: string | null | undefined,
): Promise<AnalysisSet> {
  const set = (await loaders.wardSets()).choose({ boundarySet });
  return { set, placement: set.validTo === null ? 'current' : 'month' };
}

/**
 * The months of a period whose incidents an analysis on the set counts, as stats does: every
 * month on the current set (each incident carries its current ward), only the months an earlier
 * set was in force on that set (before and after, its wards did not exist).
 * @returns the counted run of months (null when none), and the months left out
 */
export function monthsOnSet(on: AnalysisSet, p: Period): { counted: Period | null; notOnSet: string[] } {
  const months = monthsOf(p);
  const held = on.placement === 'current' ? months : months.filter((m) => BoundarySets.holdsMonth(on.set, m));
  return {
    // A set's validity is one run of days, so the months it holds are one run too.
    counted: held.length > 0 ? { from: held[0], to: held[held.length - 1] } : null,
    notOnSet: months.filter((m) => !held.includes(m)),
  };
}

/**
 * Checks that wards named for an analysis or a grouping belong to the set it works on.
 * @param wards the wards named (every one known)
 * @throws WrongBoundarySetError naming the first ward of another set, its set and the set asked for
 */
export function checkWardsInSet(
  wards: readonly { code: string; name: string; boundarySetId: string }[],
  set: BoundarySetRow,
): void {
  const stray = wards.find((w) => w.boundarySetId !== set.id);
  if (stray) {
    throw new WrongBoundarySetError(
      `ward ${stray.code} (${stray.name}) belongs to ${stray.boundarySetId}, not to ${set.id}, the boundary set asked for; ` +
        `name wards of ${set.id}, or ask for boundarySet "${stray.boundarySetId}"`,
    );
  }
}

/**
 * What the alignment statements take for a set and a period: the set, which placement to read,
 * and the months of the period the set held.
 * @returns the scope, and the months whose incidents are left out
 */
export function alignmentScope(on: AnalysisSet, p: Period): { scope: AlignmentScope; notOnSet: string[] } {
  const { counted, notOnSet } = monthsOnSet(on, p);
  return {
    scope: {
      setId: on.set.id,
      monthPlacement: on.placement === 'month',
      months: counted ? { from: `${counted.from}-01`, to: `${counted.to}-01` } : null,
    },
    notOnSet,
  };
}
