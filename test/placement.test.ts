import { inRolledBackTransaction } from './helpers/database';
import { errorCodes, graphqlSuite } from './helpers/graphql';

// One placement rule (place_point in the database) answers locate and places what is stored.
// Points on shared ward and LSOA edges, on the city's edge, and a hair either side of each, are
// the ones two copies of a rule would disagree on.
const suite = graphqlSuite();

interface Placed {
  ward: string | null;
  area: string | null;
  lsoa: string | null;
  neighbourhood: string | null;
}

describe('placement: locate and stored incidents', () => {
  it('agree on points on and near ward, LSOA and city boundaries', async () => {
    await inRolledBackTransaction(suite.dataSource, async (tx) => {
      const vertices = await tx.query<{ lon: number; lat: number }>(
        `WITH edges AS (
           SELECT ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom)) AS g
           FROM ward a JOIN ward b ON a.code < b.code AND ST_Intersects(a.geom, b.geom)
           UNION ALL
           SELECT ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom))
           FROM lsoa a JOIN lsoa b ON a.code < b.code AND a.ward_code <> b.ward_code AND ST_Intersects(a.geom, b.geom)
           UNION ALL
           SELECT ST_Boundary(ST_Union(geom)) FROM ward
         ),
         points AS (SELECT (ST_DumpPoints(g)).geom AS p FROM edges)
         SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM points ORDER BY md5(ST_AsText(p)) LIMIT 24`,
      );
      expect(vertices.length).toBe(24);
      const hair = 1e-6;
      const points = vertices.flatMap(({ lon, lat }) => [
        [lon, lat],
        [lon + hair, lat],
        [lon - hair, lat],
        [lon, lat + hair],
        [lon, lat - hair],
      ]);
      const located = await suite.client.run<{
        locateMany: {
          ward: { code: string } | null;
          area: { code: string } | null;
          lsoa: { code: string } | null;
          policeNeighbourhood: { code: string } | null;
        }[];
      }>(
        tx,
        'query ($points: [PointInput!]!) { locateMany(points: $points) { ward { code } area { code } lsoa { code } policeNeighbourhood { code } } }',
        { points: points.map(([lon, lat]) => ({ lon, lat })) },
      );
      expect(located.errors).toBeUndefined();
      const answers: Placed[] = (located.data?.locateMany ?? []).map((l) => ({
        ward: l.ward?.code ?? null,
        area: l.area?.code ?? null,
        lsoa: l.lsoa?.code ?? null,
        neighbourhood: l.policeNeighbourhood?.code ?? null,
      }));
      expect(answers).toHaveLength(points.length);
      // Both sides of some edge, and the outside of the city, are among the points.
      expect(new Set(answers.map((a) => a.ward)).size).toBeGreaterThan(4);
      expect(answers.some((a) => a.ward === null)).toBe(true);

      // A point in no ward is outside the city and is not stored (though an LSOA or a
      // neighbourhood's generalised outline may still hold it): stored rows must match locate
      // in full, and what was refused must be what locate puts in no ward.
      const stored: (Placed | 'refused')[] = [];
      for (const [lon, lat] of points) {
        const made = await suite.client.run<{ reportIssue: { id: string } }>(
          tx,
          `mutation { reportIssue(input: { category: "graffiti", lon: ${lon}, lat: ${lat}, description: "placement test" }) { id } }`,
        );
        const id = made.data?.reportIssue.id;
        if (!id) {
          expect(errorCodes(made)).toEqual(['BAD_USER_INPUT']);
          stored.push('refused');
          continue;
        }
        const [row] = await tx.query<Placed>(
          `SELECT i.ward_code AS ward, i.area_code AS area, i.lsoa_code AS lsoa, pn.code AS neighbourhood
           FROM incident i LEFT JOIN police_neighbourhood pn ON pn.id = i.police_neighbourhood_id
           WHERE i.id = $1`,
          [id],
        );
        stored.push(row);
      }
      expect(stored).toEqual(answers.map((a) => (a.ward === null ? 'refused' : a)));
    });
  });
});
