-- Incidents counted per cell of a grid of $8 EPSG:3857 metres aligned to the tile pyramid, over
-- the cells covering tile $1/$2/$3: $9 float8[] is their box [west, south, east, north] in
-- EPSG:3857 (from cellBox). $4 date first month, $5 date last month (NULL: unbounded); $6 text[]
-- categories (NULL: all); $7 boolean exact points (false: street-scene reports are counted at
-- their published point, published_point). The box, widened by 200 m for the published points'
-- shift and moved to EPSG:4326, selects rows through the GiST index on incident.geom.
WITH box AS (SELECT b[1] AS w, b[2] AS s, b[3] AS e, b[4] AS n FROM (SELECT $9::float8[] AS b) given),
pts AS (
  SELECT ST_Transform(CASE WHEN $7::boolean OR i.status IS NULL THEN i.geom
                           ELSE published_point(i.geom, i.geom_bng, i.status) END, 3857) AS g
  FROM incident i, box
  WHERE i.geom && ST_Transform(ST_Expand(ST_MakeEnvelope(box.w, box.s, box.e, box.n, 3857), 200), 4326)
    AND ($4::date IS NULL OR i.month >= $4::date)
    AND ($5::date IS NULL OR i.month <= $5::date)
    AND ($6::text[] IS NULL OR i.category_slug = ANY($6::text[]))
),
cells AS (
  SELECT floor((ST_X(g) + 20037508.342789244) / $8::float8) AS cx,
         floor((ST_Y(g) + 20037508.342789244) / $8::float8) AS cy,
         count(*)::int AS n
  FROM pts, box
  WHERE ST_X(g) >= box.w AND ST_X(g) < box.e AND ST_Y(g) >= box.s AND ST_Y(g) < box.n
  GROUP BY 1, 2
)
SELECT ST_MakeEnvelope(cx * $8::float8 - 20037508.342789244, cy * $8::float8 - 20037508.342789244,
                       (cx + 1) * $8::float8 - 20037508.342789244, (cy + 1) * $8::float8 - 20037508.342789244,
                       3857) AS geom,
       -- $10: counts below this are withheld (NULL, so the property is left out); 0 shows all.
       CASE WHEN n >= $10::int THEN n END AS count
FROM cells
