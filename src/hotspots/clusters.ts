import { AnalysisLimitError } from '../errors';

import { densityThreshold } from './density';
import type { AnalysisScope, ClusterMemberRow } from './hotspots.service';
import { BoundaryLevel, type BoundaryShare, type Cluster, type ClusterInput } from './hotspots.types';
import { placeKey } from './keys';
import { type AnalysisContext, analysisOf, toScope } from './scope';

/** DBSCAN's parameters, bounded so one request cannot ask for a city-wide quadratic search. */
const DBSCAN_LIMITS = { minEps: 1, maxEps: 5000, minPoints: 2, maxPoints: 10_000 };

/** A cluster whose hull covers more than this share of the extent is flagged: it is the extent, not a place. */
export const MOST_OF_EXTENT = 0.5;

/**
 * Checks DBSCAN parameters; minPoints null (chosen from the data) passes.
 * @throws ANALYSIS_LIMIT outside DBSCAN_LIMITS
 */
export function checkDbscan(eps: number, minPoints: number | null): void {
  const limits = DBSCAN_LIMITS;
  if (!(eps >= limits.minEps && eps <= limits.maxEps)) {
    throw new AnalysisLimitError(`epsMetres must be between ${limits.minEps} and ${limits.maxEps}, got ${eps}`);
  }
  if (
    minPoints !== null &&
    !(Number.isInteger(minPoints) && minPoints >= limits.minPoints && minPoints <= limits.maxPoints)
  ) {
    throw new AnalysisLimitError(
      `minPoints must be a whole number from ${limits.minPoints} to ${limits.maxPoints}, got ${minPoints}`,
    );
  }
}

/** Counts by unit key in a list of values (nulls skipped). */
function tally(values: (string | number | null)[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const v of values) {
    if (v !== null) {
      map.set(String(v), (map.get(String(v)) ?? 0) + 1);
    }
  }
  return map;
}

/**
 * Counts by unit turned into shares, largest first, with each unit's code and name. Wards and
 * areas are keyed by code; police neighbourhoods by id, and shown by their data.police.uk code.
 */
export async function shares(
  ctx: AnalysisContext,
  level: BoundaryLevel,
  counts: Map<string, number>,
): Promise<BoundaryShare[]> {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const entries = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const keys = entries.map(([key]) => key);
  const named =
    level === BoundaryLevel.POLICE_NEIGHBOURHOOD
      ? await ctx.loaders.policeNeighbourhoodById.loadMany(keys.map(Number))
      : await (level === BoundaryLevel.WARD ? ctx.loaders.wardByCode : ctx.loaders.areaByCode).loadMany(keys);
  return entries.map(([key, count], i) => {
    const unit = named[i];
    const found = unit && !(unit instanceof Error) ? unit : null;
    return {
      level,
      code: found?.code ?? key,
      name: found?.name ?? key,
      count,
      share: total > 0 ? count / total : 0,
    };
  });
}

/**
 * Clusters from their members: counts, categories, months and ward, area and police neighbourhood
 * shares, the wards and areas of the scope's set.
 */
async function clustersFrom(
  ctx: AnalysisContext,
  scope: AnalysisScope,
  members: ClusterMemberRow[],
  threshold: { minPoints: number; rule: string },
): Promise<Cluster[]> {
  const { service, exactPoints } = analysisOf(ctx);
  const byCluster = new Map<number, ClusterMemberRow[]>();
  for (const m of members) {
    const list = byCluster.get(m.cid);
    if (list) {
      list.push(m);
    } else {
      byCluster.set(m.cid, [m]);
    }
  }
  const shapes = new Map(
    (await service.clusterShapes(members, exactPoints, scope.extentGeoJSON)).map((s) => [s.cid, s]),
  );
  return Promise.all(
    [...byCluster].map(async ([cid, list]) => {
      const months = list.map((m) => m.month).sort();
      const extentShare = shapes.get(cid)?.extentShare ?? 0;
      return {
        id: cid,
        hull: shapes.get(cid)?.hull as Cluster['hull'],
        centroid: shapes.get(cid)?.centroid as Cluster['centroid'],
        count: list.length,
        categories: [...tally(list.map((m) => m.category))]
          .map(([category, count]) => ({ category, count }))
          .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
        firstMonth: months[0],
        lastMonth: months[months.length - 1],
        boundaries: [
          ...(await shares(ctx, BoundaryLevel.WARD, tally(list.map((m) => m.wardCode)))),
          ...(await shares(ctx, BoundaryLevel.AREA, tally(list.map((m) => m.areaCode)))),
          ...(await shares(ctx, BoundaryLevel.POLICE_NEIGHBOURHOOD, tally(list.map((m) => m.policeNeighbourhoodId)))),
        ],
        boundarySet: scope.setId,
        minPoints: threshold.minPoints,
        minPointsRule: threshold.rule,
        extentShare,
        coversMostOfExtent: extentShare > MOST_OF_EXTENT,
        key: placeKey(
          'CLUSTER',
          list.map((m) => m.id),
        ),
      };
    }),
  );
}

/**
 * DBSCAN density clusters of the incidents in a checked scope, largest first.
 * @param eps the radius in metres; check it with checkDbscan first
 * @param minPoints the caller's, kept as given; null chooses it from the data (densityThreshold)
 */
export async function clustersIn(
  ctx: AnalysisContext,
  scope: AnalysisScope,
  eps: number,
  minPoints: number | null,
): Promise<Cluster[]> {
  const { service } = analysisOf(ctx);
  const background = minPoints === null ? await service.clusterBackground(scope) : null;
  const threshold = background
    ? densityThreshold(background.incidents, background.areaSqM, eps)
    : { minPoints: minPoints as number, rule: 'given by the caller' };
  const members = await service.clusterMembers(scope, eps, threshold.minPoints);
  const found = await clustersFrom(ctx, scope, members, threshold);
  return found.sort((a, b) => b.count - a.count || a.id - b.id);
}

/**
 * The clusters query: DBSCAN over the incidents an analysis selects, largest first.
 * @throws ANALYSIS_LIMIT for parameters outside DBSCAN_LIMITS, and the extent's errors
 */
export async function clusters(ctx: AnalysisContext, input: ClusterInput): Promise<Cluster[]> {
  const minPoints = input.minPoints ?? null;
  checkDbscan(input.epsMetres, minPoints);
  const { scope } = await toScope(ctx, input);
  return clustersIn(ctx, scope, input.epsMetres, minPoints);
}
