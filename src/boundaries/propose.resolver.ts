import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';

import { AnalysisLimitError, ServiceUnavailableError } from '../errors';
import type { Area, Ward } from '../geography/geography.types';
import type { HubContext } from '../graphql/context';
import { period } from '../incidents/period';

import { BoundariesService } from './boundaries.service';
import { AlignmentWeight, ProposedGrouping } from './boundaries.types';
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

@Resolver()
export class ProposeResolver {
  @Query(() => ProposedGrouping, {
    description:
      'Wards grouped into k contiguous, non-empty areas to maximise the alignment score against the police layer, by exhaustive search.',
  })
  async proposeAreaGrouping(
    @Arg('k', () => Int, { defaultValue: 4 }) k: number,
    @Arg('weight', () => AlignmentWeight, { defaultValue: AlignmentWeight.POPULATION }) weight: AlignmentWeight,
    @Arg('from', () => String, { defaultValue: '1900-01', description: 'Incidents weight: first month.' }) from: string,
    @Arg('to', () => String, { defaultValue: '2100-12', description: 'Incidents weight: last month.' }) to: string,
    @Arg('force', () => String, { defaultValue: 'derbyshire' }) force: string,
    @Ctx() { db, geography, loaders }: HubContext,
  ): Promise<ProposedGrouping> {
    const p = period(from, to);
    const wards = await geography.wards({});
    if (!(Number.isInteger(k) && k >= 1 && k <= Math.min(MAX_AREAS, wards.length))) {
      throw new AnalysisLimitError(`k must be a whole number from 1 to ${Math.min(MAX_AREAS, wards.length)}, got ${k}`);
    }
    if (wards.length > MAX_WARDS) {
      throw new AnalysisLimitError(
        `the exhaustive search handles at most ${MAX_WARDS} wards; this city has ${wards.length}`,
      );
    }
    const current = new Map(wards.map((w) => [w.code, w.areaCode]));
    if (new Set(current.values()).size !== k) {
      throw new AnalysisLimitError(
        `k must equal the number of areas the proposal names (${new Set(current.values()).size}), got ${k}`,
      );
    }
    const rows = await new BoundariesService(db).wardWeights(force, `${p.from}-01`, `${p.to}-01`);
    if (rows.length === 0) {
      throw new AnalysisLimitError(
        `force "${force}" has no current police neighbourhood layer; import one with npm run import:neighbourhoods`,
      );
    }
    const weights = rows.map((r) => ({ ward: r.ward, snt: r.snt, weight: r[weight] }));
    const adjacency = await geography.adjacency();
    const found = await oneAtATime(() => proposeGrouping(current, adjacency, weights, k));
    const ward = async (code: string) => (await loaders.wardByCode.load(code)) as Ward;
    const area = async (code: string) => (await loaders.areaByCode.load(code)) as Area;
    const areaCodes = [...new Set(found.grouping.values())].sort();
    return {
      weight,
      method: `Exhaustive search over all ${found.examined} ways to split the ${wards.length} wards into ${k} contiguous, non-empty areas (each found once by growing connected sets from the first unplaced ward, pruning splits that leave more pieces than areas), so the result is the exact optimum; areas keep the names that leave most wards in place.`,
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
}
