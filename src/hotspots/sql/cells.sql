-- Square or hexagonal cells laid in EPSG:27700 over an extent, every cell touching it (zero
-- counts included), with the filter's incidents counted in each, the centroid in metres, the
-- outline as GeoJSON, and the wards (and their areas) of one ward set the cell overlaps.
-- $1 text extent GeoJSON; $2 text 'square' or 'hexagon'; $3 float8 cell size in metres;
-- $4 text[] categories or NULL; $5 date first month; $6 date last month; $7 text[] sources or NULL;
-- $8 boolean exact points (false: street-scene reports at their published point, published_point_bng);
-- $9 text ward set (every set's wards cover the city: cells are named by one set only).
-- Incidents are picked by the GiST index on their stored EPSG:27700 point inside the grid's
-- envelope, and placed in their cell by analysis_cell, the arithmetic twin of analysis_grid
-- (migration PlacementAndCells), with no join against the cells.
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
  FROM extent, analysis_grid($2::text, $3::float8, extent.g) c
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
  SELECT c.i, c.j, count(*)::int AS n
  FROM picked p
  CROSS JOIN LATERAL analysis_cell($2::text, $3::float8, p.geom_bng) c
  GROUP BY c.i, c.j
),
wards AS MATERIALIZED (
  SELECT code, area_code, ST_Transform(geom, 27700) AS g FROM ward WHERE boundary_set_id = $9::text
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
-- Per cell, not a join of two CTEs: the planner cannot estimate the grid's size, and a nested
-- loop over a CTE scan was quadratic in the number of cells.
LEFT JOIN LATERAL (
  SELECT array_agg(w.code ORDER BY w.code) AS ward_codes, array_agg(DISTINCT w.area_code) AS area_codes
  FROM wards w
  WHERE ST_Intersects(w.g, grid.geom)
) units ON true
ORDER BY grid.j, grid.i;
