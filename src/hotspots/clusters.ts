import { AnalysisLimitError } from '../errors';

import type { AnalysisScope, ClusterMemberRow } from './hotspots.service';
import { BoundaryLevel, type BoundaryShare, type Cluster, type ClusterInput } from './hotspots.types';
import { placeKey } from './keys';
import { type AnalysisContext, analysisOf, toScope } from './scope';

/** DBSCAN's parameters, bounded so one request cannot ask for a city-wide quadratic search. */
const DBSCAN_LIMITS = { minEps: 1, maxEps: 5000, minPoints: 2, maxPoints: 10_000 };

/** Checks DBSCAN parameters. @throws ANALYSIS_LIMIT outside DBSCAN_LIMITS */
export function checkDbscan(eps: number, minPoints: number): void {
  const limits = DBSCAN_LIMITS;
  if (!(eps >= limits.minEps && eps <= limits.maxEps)) {
    throw new AnalysisLimitError(`epsMetres must be between ${limits.minEps} and ${limits.maxEps}, got ${eps}`);
  }
  if (!(Number.isInteger(minPoints) && minPoints >= limits.minPoints && minPoints <= limits.maxPoints)) {
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
  const shapes = new Map((await service.clusterShapes(members, exactPoints)).map((s) => [s.cid, s]));
  return Promise.all(
    [...byCluster].map(async ([cid, list]) => {
      const months = list.map((m) => m.month).sort();
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
 */
export async function clustersIn(
  ctx: AnalysisContext,
  scope: AnalysisScope,
  eps: number,
  minPoints: number,
): Promise<Cluster[]> {
  const found = await clustersFrom(ctx, scope, await analysisOf(ctx).service.clusterMembers(scope, eps, minPoints));
  return found.sort((a, b) => b.count - a.count || a.id - b.id);
}

/**
 * The clusters query: DBSCAN over the incidents an analysis selects, largest first.
 * @throws ANALYSIS_LIMIT for parameters outside DBSCAN_LIMITS, and the extent's errors
 */
export async function clusters(ctx: AnalysisContext, input: ClusterInput): Promise<Cluster[]> {
  checkDbscan(input.epsMetres, input.minPoints);
  const { scope } = await toScope(ctx, input);
  return clustersIn(ctx, scope, input.epsMetres, input.minPoints);
}
