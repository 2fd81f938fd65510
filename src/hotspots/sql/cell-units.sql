-- How the incidents of chosen cells split between wards and areas, for hot spots that may
-- cross a boundary. $1..$7 as in cells.sql; $8 int[] i and $9 int[] j of the cells wanted;
-- $10 boolean exact points (as $8 of cells.sql).
-- Points are matched to cells exactly as cells.sql counts them.
WITH extent AS (
  SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326), 27700) AS g
),
-- A city outline has thousands of vertices; testing cells against small pieces of it is an
-- order of magnitude faster than against the whole.
pieces AS (
  SELECT ST_Subdivide(g, 64) AS p FROM extent
),
grid AS (
  SELECT c.i, c.j, c.geom
  FROM extent,
       LATERAL (
         SELECT * FROM ST_SquareGrid($3::float8, extent.g) WHERE $2::text = 'square'
         UNION ALL
         SELECT * FROM ST_HexagonGrid($3::float8, extent.g) WHERE $2::text = 'hexagon'
       ) c
  JOIN unnest($8::int[], $9::int[]) AS w(i, j) ON w.i = c.i AND w.j = c.j
),
box AS (
  SELECT ST_Extent(geom)::geometry AS g FROM grid
),
picked AS (
  SELECT inc.id, CASE WHEN $10::boolean THEN inc.geom_bng ELSE published_point_bng(inc.geom_bng, inc.status) END AS geom_bng, inc.ward_code, inc.area_code
  FROM incident inc, box
  WHERE inc.geom_bng && ST_SetSRID(box.g, 27700)
    AND ($4::text[] IS NULL OR inc.category_slug = ANY($4::text[]))
    AND inc.month BETWEEN $5::date AND $6::date
    AND ($7::text[] IS NULL OR inc.source = ANY($7::text[]))
),
placed AS (
  SELECT floor(ST_X(geom_bng) / $3::float8)::int AS i, floor(ST_Y(geom_bng) / $3::float8)::int AS j, ward_code, area_code
  FROM picked
  WHERE $2::text = 'square'
  UNION ALL
  SELECT i, j, ward_code, area_code
  FROM (
    SELECT DISTINCT ON (p.id) p.id, c.i, c.j, p.ward_code, p.area_code
    FROM picked p,
         LATERAL (
           SELECT v.ci AS i,
                  round((ST_Y(p.geom_bng) - CASE WHEN v.ci % 2 <> 0 THEN sqrt(3) / 2 * $3::float8 ELSE 0 END)
                        / (sqrt(3) * $3::float8))::int AS j
           FROM (VALUES (floor(ST_X(p.geom_bng) / (1.5 * $3::float8))::int),
                        (floor(ST_X(p.geom_bng) / (1.5 * $3::float8))::int + 1)) AS v(ci)
         ) c
    WHERE $2::text = 'hexagon'
    ORDER BY p.id,
             (ST_X(p.geom_bng) - c.i * 1.5 * $3::float8) ^ 2
               + (ST_Y(p.geom_bng) - c.j * sqrt(3) * $3::float8
                  - CASE WHEN c.i % 2 <> 0 THEN sqrt(3) / 2 * $3::float8 ELSE 0 END) ^ 2,
             c.i, c.j
  ) h
)
SELECT placed.i, placed.j, ward_code AS "wardCode", area_code AS "areaCode", count(*)::int AS n
FROM placed
JOIN grid ON grid.i = placed.i AND grid.j = placed.j
GROUP BY placed.i, placed.j, ward_code, area_code;
