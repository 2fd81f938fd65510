import path from 'node:path';

import type { FeatureCollection, MultiPolygon } from 'geojson';

import type { Db } from '../../db/db';
import { sqlFile } from '../../db/sql';

/** How many synthetic neighbourhoods the demo layer has (about three per area). */
export const DEMO_NEIGHBOURHOODS = 12;

/**
 * The ward set whose paired LSOAs (2011) the shipped layer was made from, and whose wards name
 * its neighbourhoods: fixed rather than the current set, so that the script keeps making the
 * layer shipped in geodata/ whatever sets are loaded later.
 */
export const DEMO_WARD_SET = 'ons-wards-2013';

// The statements stay with the boundaries capability, whose tables they read.
const sql = (name: string) => sqlFile(path.join(__dirname, '..', '..', 'boundaries'), name);

// Why not PostGIS's ST_ClusterKMeans: on the same LSOA centroids in EPSG:27700 (k = 12, window
// ordered by code either way) PostGIS 3.6 returned twelve groups none of which equals one of the
// layer shipped in geodata/, and its seeding differs between PostGIS versions (the server in CI
// runs 3.3), so the "same layer from the same LSOAs" this demo promises would not hold.

/**
 * Groups points into k clusters by Lloyd's k-means, started deterministically (the first point,
 * then each time the point farthest from the centres so far), so the same input always gives the
 * same groups.
 * @returns the group of each point
 */
export function kMeans(points: readonly [number, number][], k: number, iterations = 50): number[] {
  const d2 = (a: readonly number[], b: readonly number[]) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;
  const centres: [number, number][] = [[...points[0]] as [number, number]];
  while (centres.length < k) {
    let best = 0;
    let bestDistance = -1;
    points.forEach((p, i) => {
      const nearest = Math.min(...centres.map((c) => d2(p, c)));
      if (nearest > bestDistance) {
        bestDistance = nearest;
        best = i;
      }
    });
    centres.push([...points[best]] as [number, number]);
  }
  let groups = points.map(() => 0);
  for (let round = 0; round < iterations; round += 1) {
    groups = points.map((p) => centres.reduce((best, c, i) => (d2(p, c) < d2(p, centres[best]) ? i : best), 0));
    centres.forEach((c, i) => {
      const members = points.filter((_, j) => groups[j] === i);
      if (members.length > 0) {
        c[0] = members.reduce((s, p) => s + p[0], 0) / members.length;
        c[1] = members.reduce((s, p) => s + p[1], 0) / members.length;
      }
    });
  }
  return groups;
}

/**
 * Builds the SYNTHETIC demo police neighbourhood layer: the 2011 LSOAs grouped by k-means on
 * their centroids into DEMO_NEIGHBOURHOODS neighbourhoods, each the union of its LSOAs and named
 * after the 2013 ward most of them fall in (DEMO_WARD_SET). The edges follow LSOA lines, not ward
 * lines, so the layer matches the wards and areas closely but not exactly, as real Safer
 * Neighbourhood Team boundaries do. Deterministic.
 */
export async function demoLayer(db: Db): Promise<FeatureCollection<MultiPolygon>> {
  const lsoas = await db.query<{ code: string; x: number; y: number; ward: string }>(sql('lsoa-centroids'), [
    DEMO_WARD_SET,
  ]);
  const groups = kMeans(
    lsoas.map((l) => [l.x, l.y]),
    DEMO_NEIGHBOURHOODS,
  );
  const shapes = await db.query<{ grp: number; geometry: MultiPolygon }>(sql('union-lsoas'), [
    lsoas.map((l) => l.code),
    groups,
  ]);
  return {
    type: 'FeatureCollection',
    features: shapes.map((s, i) => {
      const wards = lsoas.filter((_, j) => groups[j] === s.grp).map((l) => l.ward);
      const main = [...new Set(wards)].sort(
        (a, b) => wards.filter((w) => w === b).length - wards.filter((w) => w === a).length || a.localeCompare(b),
      )[0];
      const code = `SYN-${String(i + 1).padStart(2, '0')}`;
      return {
        type: 'Feature',
        properties: { id: code, name: `Synthetic neighbourhood ${i + 1} (around ${main})`, synthetic: true },
        geometry: s.geometry,
      };
    }),
  };
}
