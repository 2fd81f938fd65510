-- The cells of a grid laid in EPSG:27700 over an extent, every cell touching it (the one rule
-- for a grid's cells; counts come from cells.sql or incident_cell_count), with count 0: the
-- centroid in metres, the cell's bounds in metres (whose union is the box cells.sql picks
-- incidents in), the outline as GeoJSON, and the wards (and their areas) of one ward set the
-- cell overlaps. Kept in process per extent, grid and ward set (grid.ts), so it is laid once, not
-- per month or per request.
-- $1 text extent GeoJSON; $2 text 'square' or 'hexagon'; $3 float8 cell size in metres;
-- $4 text ward set.
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
wards AS MATERIALIZED (
  SELECT code, area_code, ST_Transform(geom, 27700) AS g FROM ward WHERE boundary_set_id = $4::text
)
SELECT grid.i,
       grid.j,
       0 AS count,
       ST_X(ST_Centroid(grid.geom)) AS x,
       ST_Y(ST_Centroid(grid.geom)) AS y,
       ARRAY[ST_XMin(grid.geom), ST_YMin(grid.geom), ST_XMax(grid.geom), ST_YMax(grid.geom)] AS bounds,
       ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Transform(grid.geom, 4326)), 6)::json AS geometry,
       COALESCE(units.ward_codes, '{}') AS "wardCodes",
       COALESCE(units.area_codes, '{}') AS "areaCodes"
FROM grid
-- Per cell, not a join of two CTEs: the planner cannot estimate the grid's size, and a nested
-- loop over a CTE scan was quadratic in the number of cells.
LEFT JOIN LATERAL (
  SELECT array_agg(w.code ORDER BY w.code) AS ward_codes, array_agg(DISTINCT w.area_code) AS area_codes
  FROM wards w
  WHERE ST_Intersects(w.g, grid.geom)
) units ON true
ORDER BY grid.j, grid.i;
