import { AnalysisLimitError, NoLayerError, ServiceUnavailableError } from '../errors';
import type { Area, Ward } from '../geography/geography.types';
import type { HubContext } from '../graphql/context';
import { period } from '../incidents/period';

import { alignmentScope, analysisSet } from './analysis-set';
import { BoundariesService } from './boundaries.service';
import type { AlignmentWeight, ProposedGrouping } from './boundaries.types';
import { groupingScore, proposeGrouping } from './propose';

/** Exhaustive search stays exact but grows fast: these bounds keep it to seconds. */
const MAX_WARDS = 20;
const MAX_AREAS = 5;

let searching = false;

// Seconds of CPU per search: one at a time per hub, and a second caller is told to come back
// rather than queued behind it.
async function oneAtATime<T>(search: () => Promise<T>): Promise<T> {
  if (searching) {
    throw new ServiceUnavailableError('a grouping proposal is being computed already; try again in a few seconds');
  }
  searching = true;
  try {
    return await search();
  } finally {
    searching = false;
  }
}

/**
 * The grouping of the wards of one set into k contiguous areas that best matches a force's
 * current police neighbourhoods, by exhaustive search (exact), weighted by residents, land or the
 * incidents of a period (on an earlier set, the months it was in force); with the moves from the
 * set's grouping today. One search at a time per hub.
 * @param boundarySet the ward set's id, or null for the current set
 * @throws ANALYSIS_LIMIT for a k outside 1 to the areas named, or too many wards; NoLayerError
 *   without a layer; NotFoundError for a set not held; SERVICE_UNAVAILABLE while another search runs
 */
export async function proposeAreaGrouping(
  ctx: Pick<HubContext, 'db' | 'loaders' | 'geography'>,
  k: number,
  weight: AlignmentWeight,
  from: string,
  to: string,
  force: string,
  boundarySet: string | null,
): Promise<ProposedGrouping> {
  const p = period(from, to);
  const on = await analysisSet(ctx.loaders, boundarySet);
  const wards = await ctx.geography.wards({ setId: on.set.id });
  if (!(Number.isInteger(k) && k >= 1 && k <= Math.min(MAX_AREAS, wards.length))) {
    throw new AnalysisLimitError(`k must be a whole number from 1 to ${Math.min(MAX_AREAS, wards.length)}, got ${k}`);
  }
  if (wards.length > MAX_WARDS) {
    throw new AnalysisLimitError(
      `the exhaustive search handles at most ${MAX_WARDS} wards; ${on.set.id} has ${wards.length}`,
    );
  }
  const current = new Map(wards.map((w) => [w.code, w.areaCode]));
  if (new Set(current.values()).size !== k) {
    throw new AnalysisLimitError(
      `k must equal the number of areas the proposal names (${new Set(current.values()).size}), got ${k}`,
    );
  }
  const rows = await new BoundariesService(ctx.db).wardWeights(force, alignmentScope(on, p).scope);
  if (rows.length === 0) {
    throw new NoLayerError(force);
  }
  const weights = rows.map((r) => ({
    ward: r.ward,
    policeNeighbourhoodId: r.policeNeighbourhoodId,
    weight: r[weight],
  }));
  // Pairs of the set's wards only (adjacency pairs wards of one set, across every set held).
  const adjacency = (await ctx.geography.adjacency()).filter((pair) => current.has(pair.wardCode));
  const found = await oneAtATime(() => proposeGrouping(current, adjacency, weights, k));
  const ward = async (code: string) => (await ctx.loaders.wardByCode.load(code)) as Ward;
  const area = async (code: string): Promise<Area> => ({
    ...((await ctx.loaders.areaByCode.load(code)) as Area),
    boundarySetId: on.set.id,
  });
  const areaCodes = [...new Set(found.grouping.values())].sort();
  return {
    weight,
    boundarySet: on.set.id,
    method: `Exhaustive search over all ${found.examined} ways to split the ${wards.length} wards of ${on.set.id} into ${k} contiguous, non-empty areas (each found once by growing connected sets from the first unplaced ward, pruning splits that leave more pieces than areas), so the result is the exact optimum; areas keep the names that leave most wards in place.`,
    examined: found.examined,
    score: found.score,
    currentScore: groupingScore(current, weights),
    areas: await Promise.all(
      areaCodes.map(async (code) => ({
        area: await area(code),
        wards: await Promise.all([...found.grouping].filter(([, a]) => a === code).map(([w]) => ward(w))),
      })),
    ),
    moves: await Promise.all(
      [...found.grouping]
        .filter(([w, a]) => current.get(w) !== a)
        .map(async ([w, a]) => ({
          ward: await ward(w),
          from: await area(current.get(w) as string),
          to: await area(a),
        })),
    ),
  };
}
