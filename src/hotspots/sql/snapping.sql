-- How far each source's points are snapped, over an analysis's extent and period: per source, its
-- incidents, its distinct points, incidents per point (mean, median, most), and the typical
-- spacing of its points: the median distance in EPSG:27700 metres from each distinct point to the
-- nearest other distinct point of the same source (NULL with fewer than two).
-- $1 text extent GeoJSON; $2 text[] categories or NULL; $3 date first month; $4 date last month;
-- $5 text[] sources or NULL; $6 boolean exact points (false: street-scene reports at their
-- published point, published_point_bng, as the analyses place them); $7 text[] the sources whose
-- spacing is measured, NULL for every one; a source whose points are shared (incidents at least
-- twice its distinct points, clusters.sql's test) is measured too. The analyses measure only
-- snapped sources: a source of exact points has as many points as incidents, and the search
-- below, about 36 pairs per point, took 89 s for 200,000 exact points over 400 km².
--
-- Distinct points first: police.uk publishes a city's year of crimes at a few thousand map points,
-- so the nearest-neighbour search runs over thousands of rows, not the incidents. Where points are
-- exact they are as many as the incidents, so the search is not one point against every other:
-- each point looks in the 3 x 3 squares around its own, squares of side s = twice the spacing of a
-- uniform spread of the source's points over the extent. A neighbour found there at distance d <= s
-- is the nearest (a nearer one would lie in those squares); the few points with none that near
-- (isolated ones) are measured against every point of their source.
-- The extent is given to ST_Intersects as an expression of $1, as clusters.sql explains (the
-- planner then estimates the incidents it holds and reads them by the month and GiST indexes).
WITH located AS (
  SELECT inc.source, ST_X(p.g) AS x, ST_Y(p.g) AS y
  FROM incident inc
  CROSS JOIN LATERAL (
    SELECT CASE WHEN $6::boolean THEN inc.geom_bng ELSE published_point_bng(inc.geom_bng, inc.status) END AS g
  ) p
  WHERE ST_Intersects(inc.geom_bng, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326), 27700))
    AND ($2::text[] IS NULL OR inc.category_slug = ANY($2::text[]))
    AND inc.month BETWEEN $3::date AND $4::date
    AND ($5::text[] IS NULL OR inc.source = ANY($5::text[]))
),
points AS MATERIALIZED (
  SELECT row_number() OVER () AS pid, source, x, y, n
  FROM (SELECT source, x, y, count(*)::int AS n FROM located GROUP BY source, x, y) d
),
sides AS (
  SELECT source,
         greatest(1, 2 * sqrt(ST_Area(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326), 27700)) / count(*))) AS s
  FROM points
  GROUP BY source
  HAVING $7::text[] IS NULL OR source = ANY($7::text[]) OR sum(n) >= 2 * count(*)
),
squared AS MATERIALIZED (
  SELECT p.pid, p.source, p.x, p.y, p.n, z.s, floor(p.x / z.s)::bigint AS cx, floor(p.y / z.s)::bigint AS cy
  FROM points p
  JOIN sides z ON z.source = p.source
),
near AS MATERIALIZED (
  SELECT a.pid, min(sqrt((a.x - b.x) ^ 2 + (a.y - b.y) ^ 2)) AS d
  FROM squared a
  CROSS JOIN (VALUES (-1), (0), (1)) ox(dx)
  CROSS JOIN (VALUES (-1), (0), (1)) oy(dy)
  JOIN squared b ON b.source = a.source AND b.cx = a.cx + ox.dx AND b.cy = a.cy + oy.dy AND b.pid <> a.pid
  GROUP BY a.pid
),
nearest AS (
  SELECT q.pid,
         coalesce(CASE WHEN nr.d <= q.s THEN nr.d END,
                  (SELECT min(sqrt((q.x - b.x) ^ 2 + (q.y - b.y) ^ 2)) FROM squared b
                   WHERE b.source = q.source AND b.pid <> q.pid)) AS d
  FROM squared q
  LEFT JOIN near nr ON nr.pid = q.pid
)
SELECT p.source, sum(p.n)::int AS incidents, count(*)::int AS "distinctPoints",
       avg(p.n)::float8 AS "meanPerPoint",
       percentile_cont(0.5) WITHIN GROUP (ORDER BY p.n)::float8 AS "medianPerPoint",
       max(p.n)::int AS "maxPerPoint",
       percentile_cont(0.5) WITHIN GROUP (ORDER BY t.d)::float8 AS "spacingMetres"
FROM points p
LEFT JOIN nearest t ON t.pid = p.pid
GROUP BY p.source
ORDER BY p.source;
