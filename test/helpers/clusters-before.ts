import path from 'node:path';

import type { Db } from '../../src/db/db';
import { sqlFile } from '../../src/db/sql';
import type { AnalysisScope, ClusterRow } from '../../src/hotspots/hotspots.service';
import { placeKey } from '../../src/hotspots/keys';

/** One clustered incident, as the statement before clusters were summed in SQL returned it. */
export interface MemberRow {
  cid: number;
  id: string;
  category: string;
  month: string;
  wardCode: string | null;
  areaCode: string | null;
  policeNeighbourhoodId: number | null;
}

/** Counts by value (nulls skipped), as the process tallied members before. */
function tally(values: (string | number | null)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) {
    if (v !== null) {
      counts[String(v)] = (counts[String(v)] ?? 0) + 1;
    }
  }
  return counts;
}

/** Every clustered incident, from the statement before (test/sql/clusters-before.sql). */
export function membersBefore(db: Db, scope: AnalysisScope, eps: number, minPoints: number): Promise<MemberRow[]> {
  return db.query<MemberRow>(sqlFile(path.join(__dirname, '..'), 'clusters-before'), [
    scope.extentGeoJSON,
    eps,
    minPoints,
    scope.categories,
    scope.from,
    scope.to,
    scope.sources,
    scope.exactPoints,
    scope.monthPlacement,
  ]);
}

/**
 * Clusters summed as the hub did before: members from the old statement, tallied in the process,
 * hulls from test/sql/cluster-shapes-before.sql, the key by placeKey over the member ids.
 */
export async function clustersBefore(
  db: Db,
  scope: AnalysisScope,
  eps: number,
  minPoints: number,
): Promise<ClusterRow[]> {
  const members = await membersBefore(db, scope, eps, minPoints);
  const shapes = new Map(
    (
      await db.query<{ cid: number; hull: ClusterRow['hull']; centroid: ClusterRow['centroid']; extentShare: number }>(
        sqlFile(path.join(__dirname, '..'), 'cluster-shapes-before'),
        [members.map((m) => m.cid), members.map((m) => m.id), scope.exactPoints, scope.extentGeoJSON],
      )
    ).map((s) => [s.cid, s]),
  );
  const byCluster = new Map<number, MemberRow[]>();
  for (const m of members) {
    byCluster.set(m.cid, [...(byCluster.get(m.cid) ?? []), m]);
  }
  return [...byCluster].map(([cid, list]) => {
    const months = list.map((m) => m.month).sort();
    const shape = shapes.get(cid);
    if (!shape) {
      throw new Error(`cluster ${cid} has no shape`);
    }
    return {
      cid,
      count: list.length,
      firstMonth: months[0],
      lastMonth: months[months.length - 1],
      hull: shape.hull,
      centroid: shape.centroid,
      extentShare: shape.extentShare,
      hash: placeKey(
        'CLUSTER',
        list.map((m) => m.id),
      ).slice('CLUSTER:'.length),
      categories: tally(list.map((m) => m.category)),
      wards: tally(list.map((m) => m.wardCode)),
      areas: tally(list.map((m) => m.areaCode)),
      neighbourhoods: tally(list.map((m) => m.policeNeighbourhoodId)),
    };
  });
}
