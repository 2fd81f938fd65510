-- How the incidents of chosen cells split between wards, areas and police neighbourhoods, for
-- hot spots that may cross a boundary. $1..$7 as in cells.sql; $8 int[] i and $9 int[] j of the
-- cells wanted; $10 boolean exact points (as $8 of cells.sql); $11 boolean: name incidents by the
-- ward and area of their month (an analysis on an earlier set, over the months it held) rather
-- than by those of the current set. Points are placed in cells by analysis_cell, exactly as
-- cells.sql counts them.
WITH extent AS (
  SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326), 27700) AS g
),
grid AS (
  SELECT c.i, c.j, c.geom
  FROM extent, analysis_grid($2::text, $3::float8, extent.g) c
  JOIN unnest($8::int[], $9::int[]) AS w(i, j) ON w.i = c.i AND w.j = c.j
),
box AS (
  SELECT ST_Extent(geom)::geometry AS g FROM grid
),
picked AS (
  SELECT CASE WHEN $10::boolean THEN inc.geom_bng ELSE published_point_bng(inc.geom_bng, inc.status) END AS geom_bng,
         CASE WHEN $11::boolean THEN inc.month_ward_code ELSE inc.ward_code END AS ward_code,
         CASE WHEN $11::boolean THEN inc.month_area_code ELSE inc.area_code END AS area_code,
         inc.police_neighbourhood_id
  FROM incident inc, box
  WHERE inc.geom_bng && ST_SetSRID(box.g, 27700)
    AND ($4::text[] IS NULL OR inc.category_slug = ANY($4::text[]))
    AND inc.month BETWEEN $5::date AND $6::date
    AND ($7::text[] IS NULL OR inc.source = ANY($7::text[]))
)
SELECT c.i, c.j, p.ward_code AS "wardCode", p.area_code AS "areaCode",
       p.police_neighbourhood_id AS "policeNeighbourhoodId", count(*)::int AS n
FROM picked p
CROSS JOIN LATERAL analysis_cell($2::text, $3::float8, p.geom_bng) c
JOIN grid ON grid.i = c.i AND grid.j = c.j
GROUP BY c.i, c.j, p.ward_code, p.area_code, p.police_neighbourhood_id;
