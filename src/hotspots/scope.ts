import { type Caller, seesExactPoints } from '../auth/caller';
import type { Db } from '../db/db';
import { AnalysisLimitError } from '../errors';
import type { Loaders } from '../graphql/context';
import { toFilterParams } from '../incidents/incident-filter';
import { period } from '../incidents/period';

import { type AnalysisScope, HotspotsService } from './hotspots.service';
import type { AnalysisInput } from './hotspots.types';

/**
 * What an analysis takes from the request context: its database handle, the loaders that check
 * and name codes, and the caller (whose role decides whether street-scene reports count at their
 * exact points). The request's HubContext is one.
 */
export interface AnalysisContext {
  db: Db;
  caller: Caller;
  loaders: Pick<Loaders, 'categoryBySlug' | 'wardByCode' | 'areaByCode' | 'policeNeighbourhoodById'>;
}

/** The statements of an analysis, bound to the request, and whether its points are exact. */
export function analysisOf(ctx: AnalysisContext): { service: HotspotsService; exactPoints: boolean } {
  return { service: new HotspotsService(ctx.db), exactPoints: seesExactPoints(ctx.caller) };
}

/** A checked analysis extent: the scope for the statements, its description and its sizes. */
export interface CheckedScope {
  scope: AnalysisScope;
  extent: string;
  areaSqM: number;
  /** The bounding box's area: what a grid laid over the extent costs. */
  boxSqM: number;
}

/**
 * Checks an analysis's filter and extent.
 * @throws BAD_USER_INPUT errors from the incident filter; ANALYSIS_LIMIT for an invalid polygon
 *   or an extent that covers no land
 */
export async function toScope(ctx: AnalysisContext, input: AnalysisInput): Promise<CheckedScope> {
  const { service, exactPoints } = analysisOf(ctx);
  const p = period(input.from, input.to);
  const f = await toFilterParams(
    {
      categories: input.categories,
      from: p.from,
      to: p.to,
      wardCodes: input.wardCodes,
      areaCodes: input.areaCodes,
      bbox: input.bbox,
      within: input.within,
      sources: input.sources,
    },
    ctx.loaders,
    exactPoints,
  );
  const row = await service.extent(f.within, f.bbox, f.areaCodes, f.wardCodes);
  if (row.invalidReason) {
    throw new AnalysisLimitError(
      `within must be a valid polygon (no self-intersections, rings that close and do not cross), got one that is not: ${row.invalidReason}`,
    );
  }
  if (!row.geojson || !row.areaSqM || !row.boxSqM) {
    throw new AnalysisLimitError('the extent is empty: give a polygon, bbox, area or ward codes that cover some land');
  }
  const extent = f.within
    ? 'polygon'
    : f.bbox
      ? `bbox [${f.bbox.join(', ')}]`
      : f.areaCodes
        ? `areas ${f.areaCodes.join(', ')}`
        : f.wardCodes
          ? `wards ${f.wardCodes.join(', ')}`
          : 'whole city';
  return {
    scope: {
      extentGeoJSON: row.geojson,
      categories: f.categories,
      from: `${p.from}-01`,
      to: `${p.to}-01`,
      sources: f.sources,
      exactPoints,
    },
    extent,
    areaSqM: row.areaSqM,
    boxSqM: row.boxSqM,
  };
}
