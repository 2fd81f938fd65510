import { Disclosing } from '../auth/disclosure';
import { NoLayerError } from '../errors';
import type { Area, Ward } from '../geography/geography.types';
import type { HubContext } from '../graphql/context';
import { period } from '../incidents/period';

import { alignmentScores } from './alignment';
import { alignmentScope, analysisSet } from './analysis-set';
import { BoundariesService } from './boundaries.service';
import type { AreaAlignment, BoundaryAlignment, PoliceNeighbourhood, WardAlignment } from './boundaries.types';

/** Says in every answer how the score is measured. */
const ALIGNMENT_MEASURE =
  'Per area: each neighbourhood is matched to the area holding most of its residents, and the area scores the population intersection over union of itself and its matched neighbourhoods. The grouping: the adjusted Rand index of the two partitions of the residents (1 = the same partition, about 0 = no better than chance; it falls when areas merge neighbourhoods they need not, so groupings can be compared).';

/**
 * Where the areas and a force's current police neighbourhoods agree: shared land, residents and
 * incidents of the period per pair (incidents as the caller may see them), a score per area,
 * each ward's shares, and one score for the grouping; areas and wards of one ward set (the
 * current one by default), whose incidents count over the months it was in force.
 * @param boundarySet the ward set's id, or null for the current set
 * @throws NoLayerError when the force has no current layer overlapping the areas; NotFoundError
 *   for a set not held
 */
export async function boundaryAlignment(
  ctx: Pick<HubContext, 'db' | 'loaders' | 'caller'>,
  force: string,
  from: string,
  to: string,
  boundarySet: string | null,
): Promise<BoundaryAlignment> {
  const p = period(from, to);
  const on = await analysisSet(ctx.loaders, boundarySet);
  const { scope, notOnSet } = alignmentScope(on, p);
  const service = new BoundariesService(ctx.db);
  const [pairs, wardShares] = await Promise.all([
    service.alignmentPairs(force, scope),
    service.wardShares(force, on.set.id),
  ]);
  if (pairs.length === 0) {
    throw new NoLayerError(force, ' overlapping the areas');
  }
  const scores = alignmentScores(pairs);
  const area = async (code: string): Promise<Area> => ({
    ...((await ctx.loaders.areaByCode.load(code)) as Area),
    boundarySetId: on.set.id,
  });
  const policeNeighbourhoodOf = async (id: number) =>
    (await ctx.loaders.policeNeighbourhoodById.load(id)) as PoliceNeighbourhood;
  const wardCodes = [...new Set(wardShares.map((w) => w.wardCode))];
  const disclosing = new Disclosing(ctx.caller);
  return {
    force,
    from: p.from,
    to: p.to,
    boundarySet: on.set.id,
    monthsNotOnSet: notOnSet,
    score: scores.score,
    measure: ALIGNMENT_MEASURE,
    disclosure: disclosing.disclosure,
    pairs: await Promise.all(
      pairs.map(async (r) => ({
        ...r,
        incidents: disclosing.count(r.incidents),
        area: await area(r.area),
        policeNeighbourhood: await policeNeighbourhoodOf(r.policeNeighbourhoodId),
      })),
    ),
    areas: await Promise.all(
      scores.areas.map(async (a): Promise<AreaAlignment> => {
        const matched = await Promise.all(
          a.matched
            .map((id) => ({
              id,
              pop: pairs.find((r) => r.area === a.area && r.policeNeighbourhoodId === id)?.population ?? 0,
            }))
            .sort((x, y) => y.pop - x.pop)
            .map((m) => policeNeighbourhoodOf(m.id)),
        );
        const named = { area: await area(a.area), population: a.population, score: a.score };
        return { ...named, policeNeighbourhoods: matched, neighbourhoods: matched };
      }),
    ),
    wards: await Promise.all(
      wardCodes.map(async (code): Promise<WardAlignment> => {
        const shares = await Promise.all(
          wardShares
            .filter((w) => w.wardCode === code && w.share >= 1e-6)
            .map(async (w) => ({
              policeNeighbourhood: await policeNeighbourhoodOf(w.policeNeighbourhoodId),
              share: w.share,
            })),
        );
        const ward = (await ctx.loaders.wardByCode.load(code)) as Ward;
        return { ward, policeNeighbourhoods: shares, neighbourhoods: shares };
      }),
    ),
  };
}
