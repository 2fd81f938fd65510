-- Incidents counted per cell of a grid of $8 EPSG:3857 metres aligned to the tile pyramid, over
-- the cells covering tile $1/$2/$3: $9 float8[] is their box [west, south, east, north] in
-- EPSG:3857 (from cellBox, so its edges are cell edges). $4 date first month, $5 date last month
-- (NULL: unbounded); $6 text[] categories (NULL: all); $7 boolean exact points (false:
-- street-scene reports are counted at their published point, published_point); $10 int: counts
-- below it are withheld (NULL, so the property is left out); 0 shows all.
-- The box, widened by 200 m for the published points' shift and moved to EPSG:4326, selects rows
-- through the GiST index on incident.geom. A point's cell is worked out from its longitude and
-- latitude with the spherical Mercator formulas EPSG:3857 is defined by (x = R λ,
-- y = R ln tan(π/4 + φ/2)): arithmetic, where ST_Transform per point cost most of the statement.
WITH given AS (
  SELECT $8::float8 AS size, 20037508.342789244::float8 AS o, 6378137::float8 AS r,
         round(($9::float8[])[1] / $8::float8) AS x0, round(($9::float8[])[2] / $8::float8) AS y0,
         round(($9::float8[])[3] / $8::float8) AS x1, round(($9::float8[])[4] / $8::float8) AS y1,
         ST_Transform(ST_Expand(ST_MakeEnvelope(($9::float8[])[1], ($9::float8[])[2], ($9::float8[])[3], ($9::float8[])[4], 3857), 200), 4326) AS near
),
pts AS (
  SELECT CASE WHEN $7::boolean OR i.status IS NULL THEN i.geom
              ELSE published_point(i.geom, i.geom_bng, i.status) END AS p
  FROM incident i, given
  WHERE i.geom && given.near
    AND ($4::date IS NULL OR i.month >= $4::date)
    AND ($5::date IS NULL OR i.month <= $5::date)
    AND ($6::text[] IS NULL OR i.category_slug = ANY($6::text[]))
),
cells AS (
  -- Cell indexes counted from the Mercator origin (0, 0), as the box's edges are.
  SELECT floor(given.r * radians(ST_X(pts.p)) / given.size) AS cx,
         floor(given.r * ln(tan(pi() / 4 + radians(ST_Y(pts.p)) / 2)) / given.size) AS cy
  FROM pts, given
),
counted AS (
  SELECT cx, cy, count(*)::int AS n
  FROM cells, given
  WHERE cx >= given.x0 AND cx < given.x1 AND cy >= given.y0 AND cy < given.y1
  GROUP BY cx, cy
)
SELECT ST_MakeEnvelope(cx * given.size, cy * given.size, (cx + 1) * given.size, (cy + 1) * given.size, 3857) AS geom,
       CASE WHEN n >= $10::int THEN n END AS count
FROM counted, given
