-- Incidents as points in tile $1/$2/$3 and its buffer. $4 date first month, $5 date last month
-- (NULL: unbounded); $6 text[] categories (NULL: all); $7 boolean exact points (false:
-- street-scene reports at their published point, published_point). The envelope, widened by
-- 200 m for the published points' shift and moved to EPSG:4326, selects rows through the GiST
-- index on incident.geom; the published point is then tested against the envelope in EPSG:4326
-- (a Web Mercator rectangle is a longitude-latitude rectangle), and moved to EPSG:3857 once.
WITH env AS (
  SELECT ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 0.015625), 4326) AS buffered,
         ST_Transform(ST_Expand(ST_TileEnvelope($1, $2, $3, margin => 0.015625), 200), 4326) AS near
),
pts AS (
  SELECT CASE WHEN $7::boolean OR i.status IS NULL THEN i.geom
              ELSE published_point(i.geom, i.geom_bng, i.status) END AS p,
         i.id, i.category_slug, i.month, i.source
  FROM incident i, env
  WHERE i.geom && env.near
    AND ($4::date IS NULL OR i.month >= $4::date)
    AND ($5::date IS NULL OR i.month <= $5::date)
    AND ($6::text[] IS NULL OR i.category_slug = ANY($6::text[]))
)
SELECT ST_Transform(pts.p, 3857) AS geom, pts.id::text AS id, pts.category_slug AS category,
       to_char(pts.month, 'YYYY-MM') AS month, pts.source
FROM pts, env
WHERE pts.p && env.buffered
