import type { MultiPolygon } from 'geojson';

import { checkDbscan, clustersIn, shares } from './clusters';
import { countsKept, gridAnalysis, hotSpotGroups } from './grid';
import type { AnalysisScope, CellUnitRow } from './hotspots.service';
import { BoundaryLevel, type CrossBoundaryIssue, type CrossBoundaryResult, type HotspotInput } from './hotspots.types';
import { placeKey } from './keys';
import { type AnalysisContext, analysisOf } from './scope';
import { snappingIn, snappingWarnings } from './snapping';

/** Which unit of a cell-unit row a level counts by. */
const UNIT_OF: Record<BoundaryLevel, (r: CellUnitRow) => string | number | null> = {
  [BoundaryLevel.WARD]: (r) => r.wardCode,
  [BoundaryLevel.AREA]: (r) => r.areaCode,
  [BoundaryLevel.POLICE_NEIGHBOURHOOD]: (r) => r.policeNeighbourhoodId,
};

/** DBSCAN's part of a cross-boundary search; null leaves clusters out (the slow part on large data). */
export interface ClusterOptions {
  epsMetres: number;
  /** null: chosen from the data (densityThreshold). */
  minPoints: number | null;
}

/**
 * Hot spots (contiguous cells hot at 95 % or more) and DBSCAN clusters whose incidents fall in
 * more than one unit at a level, ranked by incidents × significance (clusters count as 1), each
 * with its parties, largest share first, and that largest party as the proposed lead.
 */
export async function crossBoundaryIssues(
  ctx: AnalysisContext,
  input: HotspotInput,
  level: BoundaryLevel,
  clustering: ClusterOptions | null,
): Promise<CrossBoundaryIssue[]> {
  return (await crossBoundaryRun(ctx, input, level, clustering)).issues;
}

/**
 * The crossBoundaryAnalysis query: the issues, and what the analyst should know about their data:
 * the grid's warnings (coverage gaps, months left out, cells below the spacing of snapped points)
 * and, with clusters, a radius below that spacing. Measuring the spacing for the radius reads
 * the period's incidents again (1.4 s for a city's year at 1,000,000), so crossBoundaryIssues,
 * which has no warnings to give, does not.
 */
export async function crossBoundaryAnalysis(
  ctx: AnalysisContext,
  input: HotspotInput,
  level: BoundaryLevel,
  clustering: ClusterOptions | null,
): Promise<CrossBoundaryResult> {
  const { issues, warnings, scope } = await crossBoundaryRun(ctx, input, level, clustering);
  const radius = clustering
    ? snappingWarnings(
        await snappingIn(analysisOf(ctx).service, scope),
        clustering.epsMetres,
        'a DBSCAN radius of',
        'epsMetres',
      )
    : [];
  return { issues, warnings: [...warnings, ...radius] };
}

async function crossBoundaryRun(
  ctx: AnalysisContext,
  input: HotspotInput,
  level: BoundaryLevel,
  clustering: ClusterOptions | null,
): Promise<{ issues: CrossBoundaryIssue[]; warnings: string[]; scope: AnalysisScope }> {
  const { service } = analysisOf(ctx);
  if (clustering) {
    // Checked before the grid is computed, so a bad radius fails fast.
    checkDbscan(clustering.epsMetres, clustering.minPoints);
  }
  const { result, rows, scope } = await gridAnalysis(ctx, input);
  const groups = hotSpotGroups(result.cells, rows, input.cellShape, input.cellSizeMetres);
  const wanted = groups.flat().map((k) => ({ i: rows[k].i, j: rows[k].j }));
  const split =
    wanted.length === 0
      ? []
      : countsKept(input.cellShape, input.cellSizeMetres)
        ? await service.cellUnitsKept(scope, input.cellSizeMetres, wanted)
        : await service.cellUnits(scope, input.cellShape, input.cellSizeMetres, wanted);
  const issues: CrossBoundaryIssue[] = [];
  for (const group of groups) {
    const ids = new Set(group.map((k) => `${rows[k].i}:${rows[k].j}`));
    const counts = new Map<string, number>();
    for (const r of split) {
      const unit = UNIT_OF[level](r);
      if (unit !== null && ids.has(`${r.i}:${r.j}`)) {
        counts.set(String(unit), (counts.get(String(unit)) ?? 0) + r.n);
      }
    }
    if (counts.size > 1) {
      const parties = await shares(ctx, level, counts);
      const incidents = parties.reduce((s, p) => s + p.count, 0);
      const significance = Math.max(...group.map((k) => result.cells[k].confidence));
      const geometry: MultiPolygon = {
        type: 'MultiPolygon',
        coordinates: group.map((k) => rows[k].geometry.coordinates),
      };
      issues.push({
        key: placeKey('HOTSPOT', [...ids]),
        kind: 'HOTSPOT',
        geometry,
        incidents,
        significance,
        score: incidents * significance,
        parties,
        lead: parties[0],
        boundarySet: scope.setId,
        minPoints: null,
        minPointsRule: null,
        coversMostOfExtent: false,
      });
    }
  }
  // The grid's scope, so the extent is checked and built once; only clusters crossing the level.
  const found = clustering ? await clustersIn(ctx, scope, clustering.epsMetres, clustering.minPoints, level) : [];
  // The statement gave only clusters with more than one party at the level.
  for (const cluster of found) {
    const parties = cluster.boundaries.filter((b) => b.level === level);
    issues.push({
      key: cluster.key,
      kind: 'CLUSTER',
      geometry: cluster.hull,
      incidents: cluster.count,
      significance: 1,
      score: cluster.count,
      parties,
      lead: parties[0],
      boundarySet: scope.setId,
      minPoints: cluster.minPoints,
      minPointsRule: cluster.minPointsRule,
      coversMostOfExtent: cluster.coversMostOfExtent,
    });
  }
  return { issues: issues.sort((a, b) => b.score - a.score), warnings: result.warnings, scope };
}
