import type { FeatureCollection } from 'geojson';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';

import { Disclosing } from '../auth/disclosure';
import { AnalysisLimitError } from '../errors';
import { GeoJSONScalar } from '../geo/geojson.scalar';
import type { Area, Ward } from '../geography/geography.types';
import type { HubContext } from '../graphql/context';
import { period } from '../incidents/period';

import { alignmentScores } from './alignment';
import { BoundariesService } from './boundaries.service';
import { BoundaryAlignment, type PoliceNeighbourhood } from './boundaries.types';
import { alignmentOverlay } from './overlay';

/** Says in every answer how the score is measured. */
export const ALIGNMENT_MEASURE =
  'Per area: each neighbourhood is matched to the area holding most of its residents, and the area scores the population intersection over union of itself and its matched neighbourhoods. The grouping: the adjusted Rand index of the two partitions of the residents (1 = the same partition, about 0 = no better than chance; it falls when areas merge neighbourhoods they need not, so groupings can be compared).';

@Resolver()
export class AlignmentResolver {
  @Query(() => GeoJSONScalar, {
    description:
      'The pieces where an area and a police neighbourhood disagree, as a GeoJSON FeatureCollection (also GET /geojson/alignment), with both names and the land and residents in each.',
  })
  async alignmentOverlay(
    @Arg('force', () => String, { defaultValue: 'derbyshire' }) force: string,
    @Ctx() { db }: HubContext,
  ): Promise<FeatureCollection> {
    const overlay = await alignmentOverlay(db, force);
    if (!overlay) {
      throw new AnalysisLimitError(
        `force "${force}" has no current police neighbourhood layer; import one with npm run import:neighbourhoods`,
      );
    }
    return overlay;
  }

  @Query(() => BoundaryAlignment, {
    description:
      'Where the areas and the police neighbourhoods agree: shared land, residents and incidents per pair, a score per area, shares per ward, and one score for the grouping.',
  })
  async boundaryAlignment(
    @Arg('from', () => String, { description: 'First month of the incidents counted, YYYY-MM.' }) from: string,
    @Arg('to', () => String, { description: 'Last month, YYYY-MM.' }) to: string,
    @Arg('force', () => String, { defaultValue: 'derbyshire' }) force: string,
    @Ctx() { db, loaders, caller }: HubContext,
  ): Promise<BoundaryAlignment> {
    const p = period(from, to);
    const service = new BoundariesService(db);
    const [pairs, wardShares] = await Promise.all([
      service.alignmentPairs(force, `${p.from}-01`, `${p.to}-01`),
      service.wardShares(force),
    ]);
    if (pairs.length === 0) {
      throw new AnalysisLimitError(
        `force "${force}" has no current police neighbourhood layer overlapping the areas; import one with npm run import:neighbourhoods`,
      );
    }
    const scores = alignmentScores(pairs);
    const area = async (code: string) => (await loaders.areaByCode.load(code)) as Area;
    const snt = async (id: number) => (await loaders.neighbourhoodById.load(id)) as PoliceNeighbourhood;
    const wardCodes = [...new Set(wardShares.map((w) => w.wardCode))];
    const disclosing = new Disclosing(caller);
    return {
      force,
      from: p.from,
      to: p.to,
      score: scores.score,
      measure: ALIGNMENT_MEASURE,
      disclosure: disclosing.disclosure,
      pairs: await Promise.all(
        pairs.map(async (r) => ({
          ...r,
          incidents: disclosing.count(r.incidents),
          area: await area(r.area),
          policeNeighbourhood: await snt(r.snt),
        })),
      ),
      areas: await Promise.all(
        scores.areas.map(async (a) => ({
          area: await area(a.area),
          population: a.population,
          score: a.score,
          neighbourhoods: await Promise.all(
            a.matched
              .map((id) => ({ id, pop: pairs.find((r) => r.area === a.area && r.snt === id)?.population ?? 0 }))
              .sort((x, y) => y.pop - x.pop)
              .map((m) => snt(m.id)),
          ),
        })),
      ),
      wards: await Promise.all(
        wardCodes.map(async (code) => ({
          ward: (await loaders.wardByCode.load(code)) as Ward,
          neighbourhoods: await Promise.all(
            wardShares
              .filter((w) => w.wardCode === code && w.share >= 1e-6)
              .map(async (w) => ({ policeNeighbourhood: await snt(w.snt), share: w.share })),
          ),
        })),
      ),
    };
  }
}
