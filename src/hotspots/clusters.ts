import { AnalysisLimitError } from '../errors';
import { coverageWarning } from '../incidents/coverage';

import { densityThreshold } from './density';
import type { AnalysisScope, ClusterRow, ClusterUnitLevel } from './hotspots.service';
import {
  BoundaryLevel,
  type BoundaryShare,
  type Cluster,
  type ClusterInput,
  type ClusterResult,
} from './hotspots.types';
import { clusterKey } from './keys';
import { type AnalysisContext, analysisOf, toScope } from './scope';
import { snappingIn, snappingWarnings } from './snapping';

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

/** A JSON object of counts by unit, as clusters.sql sums them, as a map. */
function counted(counts: Record<string, number>): Map<string, number> {
  return new Map(Object.entries(counts));
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
 * Clusters from their rows: categories largest first, ward, area and police neighbourhood shares
 * (the wards and areas of the scope's set), and the threshold they were found with.
 */
function clustersFrom(
  ctx: AnalysisContext,
  scope: AnalysisScope,
  rows: ClusterRow[],
  threshold: { minPoints: number; rule: string },
): Promise<Cluster[]> {
  return Promise.all(
    rows.map(async (row) => ({
      id: row.cid,
      hull: row.hull as Cluster['hull'],
      centroid: row.centroid,
      count: row.count,
      categories: Object.entries(row.categories)
        .map(([category, count]) => ({ category, count }))
        .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
      firstMonth: row.firstMonth,
      lastMonth: row.lastMonth,
      boundaries: [
        ...(await shares(ctx, BoundaryLevel.WARD, counted(row.wards))),
        ...(await shares(ctx, BoundaryLevel.AREA, counted(row.areas))),
        ...(await shares(ctx, BoundaryLevel.POLICE_NEIGHBOURHOOD, counted(row.neighbourhoods))),
      ],
      boundarySet: scope.setId,
      minPoints: threshold.minPoints,
      minPointsRule: threshold.rule,
      extentShare: row.extentShare,
      coversMostOfExtent: row.extentShare > MOST_OF_EXTENT,
      key: clusterKey(row.hash),
    })),
  );
}

/** How clusters.sql names each level it tallies by. */
const TALLIED_AS: Record<BoundaryLevel, ClusterUnitLevel> = {
  [BoundaryLevel.WARD]: 'ward',
  [BoundaryLevel.AREA]: 'area',
  [BoundaryLevel.POLICE_NEIGHBOURHOOD]: 'neighbourhood',
};

/**
 * DBSCAN density clusters of the incidents in a checked scope, largest first.
 * @param eps the radius in metres; check it with checkDbscan first
 * @param minPoints the caller's, kept as given; null chooses it from the data (densityThreshold)
 * @param crossing only the clusters whose incidents lie in more than one unit of this level
 *   (the rest are neither shaped nor keyed); null for every cluster
 */
export async function clustersIn(
  ctx: AnalysisContext,
  scope: AnalysisScope,
  eps: number,
  minPoints: number | null,
  crossing: BoundaryLevel | null = null,
): Promise<Cluster[]> {
  const { service } = analysisOf(ctx);
  const level = crossing === null ? null : TALLIED_AS[crossing];
  const first = await service.clusters(scope, eps, minPoints, level);
  const threshold =
    minPoints === null
      ? densityThreshold(first.threshold.incidents, first.threshold.areaSqM, eps)
      : { minPoints, rule: 'given by the caller' };
  // The statement chooses minPoints by the same rule; should float rounding at the rule's edge
  // have made it choose otherwise, densityThreshold decides and the statement runs again.
  const { clusters: rows } =
    threshold.minPoints === first.threshold.minPoints
      ? first
      : await service.clusters(scope, eps, threshold.minPoints, level);
  const found = await clustersFrom(ctx, scope, rows, threshold);
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

/**
 * The clusterAnalysis query: the clusters, and warnings about their data: units of the extent
 * with coverage gaps (where no cluster can be found for want of data, not of incidents), and a
 * radius below the typical spacing of a snapped source's points, where each cluster is one map
 * point.
 * @throws as clusters
 */
export async function clusterAnalysis(ctx: AnalysisContext, input: ClusterInput): Promise<ClusterResult> {
  const minPoints = input.minPoints ?? null;
  checkDbscan(input.epsMetres, minPoints);
  const { scope, coverageGaps } = await toScope(ctx, input, true);
  const found = await clustersIn(ctx, scope, input.epsMetres, minPoints);
  const measured = await snappingIn(analysisOf(ctx).service, scope);
  const uncovered = coverageWarning(await coverageGaps);
  return {
    clusters: found,
    warnings: [
      ...(uncovered ? [uncovered] : []),
      ...snappingWarnings(measured, input.epsMetres, 'a DBSCAN radius of', 'epsMetres'),
    ],
  };
}
