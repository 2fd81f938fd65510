import type { Db } from '../src/db/db';

import { wardSetFiles } from './helpers/boundary-sets';
import { inRolledBackTransaction } from './helpers/database';
import { errorCodes, graphqlSuite } from './helpers/graphql';

// One placement rule (place_point in the database) answers locate and places what is stored.
// Points on shared ward and LSOA edges, on the city's edge, and a hair either side of each, are
// the ones two copies of a rule would disagree on. A report is placed twice: in the current
// wards, and in the wards in force at the end of its month, which locate gives with asOf.
const suite = graphqlSuite();
const [earlier, current] = wardSetFiles();

interface Placed {
  ward: string | null;
  area: string | null;
  lsoa: string | null;
  neighbourhood: string | null;
}

/** Vertices of a ward set's shared edges, of edges between LSOAs of different wards, and of the city's edge. */
function edgeVertices(tx: Db, setId: string): Promise<{ lon: number; lat: number }[]> {
  return tx.query<{ lon: number; lat: number }>(
    `WITH w AS (SELECT code, geom FROM ward WHERE boundary_set_id = $1::text),
     l AS (
       SELECT l.code, l.geom, k.ward_code
       FROM lsoas_of_set((SELECT lsoa_set_id FROM boundary_set WHERE id = $1::text)) l
       JOIN lsoa_ward_lookup k ON k.lsoa_code = l.code JOIN w ON w.code = k.ward_code
     ),
     edges AS (
       SELECT ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom)) AS g
       FROM w a JOIN w b ON a.code < b.code AND ST_Intersects(a.geom, b.geom)
       UNION ALL
       SELECT ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom))
       FROM l a JOIN l b ON a.code < b.code AND a.ward_code <> b.ward_code AND ST_Intersects(a.geom, b.geom)
       UNION ALL
       SELECT ST_Boundary(ST_Union(geom)) FROM w
     ),
     points AS (SELECT (ST_DumpPoints(g)).geom AS p FROM edges)
     SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM points ORDER BY md5(ST_AsText(p)) LIMIT 24`,
    [setId],
  );
}

async function locateAll(tx: Db, points: number[][], asOf: string | null): Promise<Placed[]> {
  const located = await suite.client.run<{
    locateMany: {
      ward: { code: string } | null;
      area: { code: string } | null;
      lsoa: { code: string } | null;
      policeNeighbourhood: { code: string } | null;
    }[];
  }>(
    tx,
    'query ($points: [PointInput!]!, $asOf: String) { locateMany(points: $points, asOf: $asOf) { ward { code } area { code } lsoa { code } policeNeighbourhood { code } } }',
    { points: points.map(([lon, lat]) => ({ lon, lat })), asOf },
  );
  expect(located.errors).toBeUndefined();
  return (located.data?.locateMany ?? []).map((l) => ({
    ward: l.ward?.code ?? null,
    area: l.area?.code ?? null,
    lsoa: l.lsoa?.code ?? null,
    neighbourhood: l.policeNeighbourhood?.code ?? null,
  }));
}

describe('placement: locate and stored incidents', () => {
  it.each([
    ['reported now, on the current wards', current.id, null, null, 'ward_code', 'area_code'],
    // Placed by the last day of its month, when the 2013 wards were in force.
    [
      'reported in June 2020, on the wards of its month',
      earlier.id,
      '2020-06-15T12:00:00Z',
      '2020-06-30',
      'month_ward_code',
      'month_area_code',
    ],
  ])(
    'agree on points on and near ward, LSOA and city boundaries, %s',
    async (_name, setId, reportedAt, asOf, wardColumn, areaColumn) => {
      await inRolledBackTransaction(suite.dataSource, async (tx) => {
        const vertices = await edgeVertices(tx, setId);
        expect(vertices.length).toBe(24);
        const hair = 1e-6;
        const points = vertices.flatMap(({ lon, lat }) => [
          [lon, lat],
          [lon + hair, lat],
          [lon - hair, lat],
          [lon, lat + hair],
          [lon, lat - hair],
        ]);
        const answers = await locateAll(tx, points, asOf);
        // Whether a point is in the city at all is a question about today's wards.
        const today = asOf ? await locateAll(tx, points, null) : answers;
        expect(answers).toHaveLength(points.length);
        // Both sides of some edge, and the outside of the city, are among the points.
        expect(new Set(answers.map((a) => a.ward)).size).toBeGreaterThan(4);
        expect(answers.some((a) => a.ward === null)).toBe(true);

        // A point in no current ward is outside the city and is not stored (though an LSOA or a
        // neighbourhood's generalised outline may still hold it): stored rows must match locate
        // in full, and what was refused must be what locate puts in no ward.
        const stored: (Placed | 'refused')[] = [];
        for (const [lon, lat] of points) {
          const made = await suite.client.run<{ reportIssue: { id: string } }>(
            tx,
            'mutation ($lon: Float!, $lat: Float!, $at: DateTimeISO) { reportIssue(input: { category: "graffiti", lon: $lon, lat: $lat, description: "placement test", reportedAt: $at }) { id } }',
            { lon, lat, at: reportedAt },
          );
          const id = made.data?.reportIssue.id;
          if (!id) {
            expect(errorCodes(made)).toEqual(['BAD_USER_INPUT']);
            stored.push('refused');
            continue;
          }
          const [row] = await tx.query<Placed>(
            `SELECT i.${wardColumn} AS ward, i.${areaColumn} AS area, i.lsoa_code AS lsoa, pn.code AS neighbourhood
             FROM incident i LEFT JOIN police_neighbourhood pn ON pn.id = i.police_neighbourhood_id
             WHERE i.id = $1`,
            [id],
          );
          stored.push(row);
        }
        expect(stored).toEqual(answers.map((a, i) => (today[i].ward === null ? 'refused' : a)));
      });
    },
  );
});
