-- The filter's incidents counted per cell of a grid laid by grid-cells.sql (the one rule for which
-- cells a grid has), for a grid whose size incident_cell_count does not keep. Only incidents whose
-- stored point lies in the grid's box (the union of its cells' bounds) are taken, and each is
-- placed in its cell by analysis_cell, the arithmetic twin of analysis_grid (migration
-- PlacementAndCells), with no join against the cells; cells of the box outside the grid are left
-- out by the caller.
-- $1 float8[] the grid's box [xmin, ymin, xmax, ymax] in EPSG:27700; $2 text 'square' or
-- 'hexagon'; $3 float8 cell size in metres; $4 text[] categories or NULL; $5 date first month;
-- $6 date last month; $7 text[] sources or NULL; $8 boolean exact points (false: street-scene
-- reports at their published point, published_point_bng).
WITH picked AS (
  SELECT CASE WHEN $8::boolean THEN inc.geom_bng ELSE published_point_bng(inc.geom_bng, inc.status) END AS geom_bng
  FROM incident inc
  WHERE inc.geom_bng && ST_MakeEnvelope(($1::float8[])[1], ($1::float8[])[2], ($1::float8[])[3], ($1::float8[])[4], 27700)
    AND ($4::text[] IS NULL OR inc.category_slug = ANY($4::text[]))
    AND inc.month BETWEEN $5::date AND $6::date
    AND ($7::text[] IS NULL OR inc.source = ANY($7::text[]))
)
SELECT c.i, c.j, count(*)::int AS n
FROM picked p
CROSS JOIN LATERAL analysis_cell($2::text, $3::float8, p.geom_bng) c
GROUP BY c.i, c.j;
