-- Square or hexagonal cells laid in EPSG:27700 over an extent, every cell touching it (zero
-- counts included), with the filter's incidents counted in each, the centroid in metres, the
-- outline as GeoJSON, and the wards and areas the cell overlaps.
-- $1 text extent GeoJSON; $2 text 'square' or 'hexagon'; $3 float8 cell size in metres;
-- $4 text[] categories or NULL; $5 date first month; $6 date last month; $7 text[] sources or NULL;
-- $8 boolean exact points (false: street-scene reports at their published point, published_point_bng).
-- Incidents are picked by the GiST index on their stored EPSG:27700 point inside the grid's
-- envelope, and placed in its cell arithmetically, with no join against the cells: a square
-- (ST_SquareGrid's cell i, j spans [i·size, (i+1)·size)) by division, so a point on an edge
-- counts in the cell east or north of it; a hexagon (ST_HexagonGrid's flat-topped cell i, j is
-- centred on (1.5·i·size, √3·j·size, plus √3/2·size on odd columns)) as the nearest centre of
-- the two candidate columns, ties going to the lowest i, j.
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
  WHERE EXISTS (SELECT 1 FROM pieces WHERE ST_Intersects(pieces.p, c.geom))
),
box AS (
  SELECT ST_Extent(geom)::geometry AS g FROM grid
),
picked AS (
  SELECT inc.id, CASE WHEN $8::boolean THEN inc.geom_bng ELSE published_point_bng(inc.geom_bng, inc.status) END AS geom_bng
  FROM incident inc, box
  WHERE inc.geom_bng && ST_SetSRID(box.g, 27700)
    AND ($4::text[] IS NULL OR inc.category_slug = ANY($4::text[]))
    AND inc.month BETWEEN $5::date AND $6::date
    AND ($7::text[] IS NULL OR inc.source = ANY($7::text[]))
),
counted AS MATERIALIZED (
  SELECT floor(ST_X(geom_bng) / $3::float8)::int AS i, floor(ST_Y(geom_bng) / $3::float8)::int AS j, count(*)::int AS n
  FROM picked
  WHERE $2::text = 'square'
  GROUP BY 1, 2
  UNION ALL
  SELECT i, j, count(*)::int
  FROM (
    SELECT DISTINCT ON (p.id) p.id, c.i, c.j
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
  GROUP BY i, j
),
wards AS MATERIALIZED (
  SELECT code, area_code, ST_Transform(geom, 27700) AS g FROM ward
),
units AS MATERIALIZED (
  SELECT grid.i, grid.j, array_agg(w.code ORDER BY w.code) AS ward_codes, array_agg(DISTINCT w.area_code) AS area_codes
  FROM grid
  JOIN wards w ON ST_Intersects(w.g, grid.geom)
  GROUP BY grid.i, grid.j
)
SELECT grid.i,
       grid.j,
       COALESCE(counted.n, 0) AS count,
       ST_X(ST_Centroid(grid.geom)) AS x,
       ST_Y(ST_Centroid(grid.geom)) AS y,
       ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Transform(grid.geom, 4326)), 6)::json AS geometry,
       COALESCE(units.ward_codes, '{}') AS "wardCodes",
       COALESCE(units.area_codes, '{}') AS "areaCodes"
FROM grid
LEFT JOIN counted ON counted.i = grid.i AND counted.j = grid.j
LEFT JOIN units ON units.i = grid.i AND units.j = grid.j
ORDER BY grid.j, grid.i;
