-- Density clusters of the filtered incidents: DBSCAN on the stored EPSG:27700 points (eps in
-- metres, minimum points), over an extent, with the memberships
-- ST_ClusterDBSCAN(geom_bng, eps, minPoints) OVER (ORDER BY id) gives. Returns one row per
-- cluster: its number, incidents, first and last month, hull and centroid (GeoJSON, EPSG:4326),
-- the hull's share of the extent's area, its key's hash, and its incidents per category, ward,
-- area and police neighbourhood (JSON objects); noise is left out. Summed here rather than in
-- the process: a city's year clusters hundreds of thousands of incidents, and sending each one
-- to the process (and its id back for the hull) cost more than the clustering.
-- $1 text extent GeoJSON; $2 float8 eps metres; $3 int min points, or NULL to choose it from the
-- data (below); $4 text[] categories or NULL;
-- $5 date first month; $6 date last month; $7 text[] sources or NULL; $8 boolean exact points
-- (false: street-scene reports are clustered at their published point, published_point_bng);
-- $9 boolean: name incidents by the ward and area of their month (an analysis on an earlier set,
-- over the months it held) rather than by those of the current set; $10 float8 the chance a
-- uniform background may have of reaching the chosen minimum (BACKGROUND_ALPHA).
--
-- Why not ST_ClusterDBSCAN over the incidents: police.uk publishes every crime at one of a few
-- thousand anonymous map points, so a year holds hundreds of incidents per point, and the
-- window function measures the distance of every incident to every other within eps. Here the
-- incidents at one point are one site weighted by their number, and DBSCAN runs on the sites:
-- * a site is core when the incidents within eps of it (itself included) are at least minPoints,
--   exactly when each of its incidents is a core point of ST_ClusterDBSCAN;
-- * core sites within eps of each other share a cluster (ST_ClusterDBSCAN with one point over
--   the core sites: its connected components);
-- * ST_ClusterDBSCAN gives a border incident (not core, within eps of a core one) to the cluster
--   of the first core incident, in the window's order, that has it within eps (PostGIS's union
--   find claims a border point once, when the first such core point is visited); here a border
--   site goes to the cluster of the core site within eps whose first incident comes first. So
--   the incidents at one point always share a cluster, and the membership is the window
--   function's, border incidents included;
-- * clusters are numbered from 0 in the order of their first incident: ST_ClusterDBSCAN's own
--   numbers follow the roots of its union-find, which depend on the order of its unions, so the
--   number (Cluster.id, "its number in this run") may differ from the window function's, never
--   the membership;
-- * with minPoints or fewer incidents in all, ST_ClusterDBSCAN finds no cluster; neither does this.
-- Distances are tested with ST_DWithin, the same test (distance <= eps) the window function makes.
WITH extent AS (
  SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326), 27700) AS g
),
-- The extent is written out here, not read from the CTE: given the GeoJSON, the planner folds it
-- to a constant and estimates how many incidents it holds, so at a city's volume it combines
-- the month and GiST indexes into one bitmap read in table order. Through the CTE (or ST_Subdivide
-- pieces of it) it guessed a few dozen rows and walked the GiST index, fetching each incident at
-- random: 3 to 5 s rather than about 1.5 s for North's year at 1,000,000 incidents. PostGIS
-- prepares the constant outline once for ST_Intersects, so pieces are not needed for speed.
located AS MATERIALIZED (
  SELECT inc.id, p.g AS geom_bng, ST_X(p.g) AS x, ST_Y(p.g) AS y, inc.category_slug, inc.month,
         CASE WHEN $9::boolean THEN inc.month_ward_code ELSE inc.ward_code END AS ward_code,
         CASE WHEN $9::boolean THEN inc.month_area_code ELSE inc.area_code END AS area_code,
         inc.police_neighbourhood_id
  FROM incident inc
  CROSS JOIN LATERAL (
    SELECT CASE WHEN $8::boolean THEN inc.geom_bng ELSE published_point_bng(inc.geom_bng, inc.status) END AS g
  ) p
  WHERE ST_Intersects(inc.geom_bng, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326), 27700))
    AND ($4::text[] IS NULL OR inc.category_slug = ANY($4::text[]))
    AND inc.month BETWEEN $5::date AND $6::date
    AND ($7::text[] IS NULL OR inc.source = ANY($7::text[]))
),
-- The minimum points when none is given, chosen from the incidents read once for clustering
-- rather than counted by a statement of their own: densityThreshold's rule (density.ts), the
-- smallest m >= max(2, floor(mean)) with n x P(X >= m - 1) < alpha, X Poisson with mean
-- n pi eps^2 / area. The process checks the choice by that rule and asks again with its own if
-- float rounding made them differ, so the rule has one home; hence n and the area are returned.
background AS (
  SELECT n, area, CASE WHEN area > 0 THEN n * pi() * $2::float8 * $2::float8 / area ELSE 0 END AS mean
  FROM (SELECT (SELECT count(*) FROM located)::int AS n, (SELECT ST_Area(g) FROM extent) AS area) c
),
-- ln P(X = k) from k = 0 to far past the mean (beyond 20 standard deviations the tail is
-- negligible), then P(X >= k) summed from the top.
poisson AS (
  SELECT k, k * ln(b.mean) - b.mean - sum(ln(greatest(k, 1))) OVER (ORDER BY k) AS logp
  FROM background b, generate_series(0, ceil(b.mean + 20 * sqrt(b.mean) + 60)::int) k
  WHERE b.mean > 0
),
tails AS (
  SELECT k, sum(CASE WHEN logp > -700 THEN exp(logp) ELSE 0 END) OVER (ORDER BY k DESC) AS tail FROM poisson
),
threshold AS (
  SELECT b.n, b.area,
         coalesce($3::int,
                  CASE WHEN b.mean = 0 THEN 2
                       ELSE (SELECT min(t.k + 1)::int FROM tails t
                             WHERE t.k + 1 >= greatest(2, floor(b.mean)) AND t.tail < $10::float8 / greatest(b.n, 1)) END,
                  2147483647) AS m
  FROM background b
),
-- Where points are rarely shared (exact points, synthetic data) sites save nothing and their
-- pairs cost more than the window function, which then runs over the incidents instead (its
-- clusters renumbered in the order of their first incident, as below). So it does for a radius
-- over 500 m: the pairs of sites grow with eps squared, while the window function stops
-- measuring a core point's neighbours early (2 s against 0.3 s for a month of Derby at 5 km).
shared AS (
  SELECT $2::float8 <= 500
     AND (SELECT count(*) FROM located) >= 2 * (SELECT count(*) FROM (SELECT 1 FROM located GROUP BY x, y) d) AS yes
),
-- Each incident's site: its distinct point, numbered 1, 2, ... so that per-site facts can be kept
-- in arrays indexed by site (joins on estimated CTE sizes tend to nested loops).
placed AS MATERIALIZED (
  SELECT located.*, dense_rank() OVER (ORDER BY x, y)::int AS site FROM located
),
-- Each site with its number of incidents, its first incident, and the square (a little wider
-- than eps, so float rounding cannot put a neighbour two squares away) that finds its neighbours
-- among the 3 x 3 squares around it by a hash join.
sites AS MATERIALIZED (
  SELECT site, ST_SetSRID(ST_MakePoint(min(x), min(y)), 27700) AS g, count(*)::int AS w, min(id) AS first_id,
         floor(min(x) / ($2::float8 * (1 + 1e-9)))::bigint AS cx, floor(min(y) / ($2::float8 * (1 + 1e-9)))::bigint AS cy
  FROM placed
  GROUP BY site
),
near AS MATERIALIZED (
  SELECT a.site AS a, b.site AS b, b.w
  FROM sites a
  CROSS JOIN (VALUES (-1), (0), (1)) ox(dx)
  CROSS JOIN (VALUES (-1), (0), (1)) oy(dy)
  JOIN sites b ON b.cx = a.cx + ox.dx AND b.cy = a.cy + oy.dy
  WHERE ST_DWithin(a.g, b.g, $2::float8)
),
-- Whether each site is core (every site is within eps of itself, so each has a row).
flags AS (
  SELECT array_agg(reach >= (SELECT m FROM threshold) AND (SELECT n FROM threshold) > (SELECT m FROM threshold) ORDER BY a) AS core
  FROM (SELECT a, sum(w) AS reach FROM near GROUP BY a) r
),
-- The connected components of the core sites (no component, -1, for the others).
components AS MATERIALIZED (
  SELECT s.site, coalesce(ST_ClusterDBSCAN(CASE WHEN f.core[s.site] THEN s.g END, $2::float8, 1) OVER (), -1) AS comp
  FROM sites s, flags f
),
per_site AS (
  SELECT array_agg(c.comp ORDER BY c.site) AS comp, array_agg(s.first_id ORDER BY s.site) AS first
  FROM components c JOIN sites s ON s.site = c.site
),
-- A site within eps of a core site but not core itself joins the component of the core site
-- with the first incident.
border AS (
  SELECT DISTINCT ON (n.a) n.a AS site, p.comp[n.b] AS comp
  FROM near n, per_site p
  WHERE p.comp[n.a] < 0 AND p.comp[n.b] >= 0
  ORDER BY n.a, p.first[n.b]
),
members AS (
  SELECT site, comp FROM components WHERE comp >= 0
  UNION ALL
  SELECT site, comp FROM border
),
-- Clusters numbered from 0 in the order of their first incident.
labelled AS (
  SELECT site, dense_rank() OVER (ORDER BY first_of_comp) - 1 AS cid
  FROM (SELECT m.site, min(p.first[m.site]) OVER (PARTITION BY m.comp) AS first_of_comp FROM members m, per_site p) x
),
labels AS (
  SELECT array_agg(cid ORDER BY site) AS cid
  FROM (SELECT site, max(cid) AS cid FROM (SELECT site, cid FROM labelled UNION ALL SELECT site, -1 FROM sites) u GROUP BY site) y
),
plain AS MATERIALIZED (
  SELECT located.*, ST_ClusterDBSCAN(geom_bng, $2::float8, (SELECT m FROM threshold)) OVER (ORDER BY id) AS comp
  FROM located
  WHERE NOT (SELECT yes FROM shared)
),
-- The window function's clusters renumbered in the order of their first incident.
renumbered AS (
  SELECT comp, (row_number() OVER (ORDER BY min(id)) - 1)::int AS cid FROM plain WHERE comp IS NOT NULL GROUP BY comp
),
clustered AS MATERIALIZED (
  SELECT lb.cid[l.site]::int AS cid, l.id, l.geom_bng, l.category_slug, l.month, l.ward_code, l.area_code, l.police_neighbourhood_id
  FROM placed l, labels lb
  WHERE (SELECT yes FROM shared) AND lb.cid[l.site] >= 0
  UNION ALL
  SELECT r.cid, p.id, p.geom_bng, p.category_slug, p.month, p.ward_code, p.area_code, p.police_neighbourhood_id
  FROM plain p JOIN renumbered r ON r.comp = p.comp
),
-- Each cluster's incidents per category, ward, area and police neighbourhood in one pass; g is
-- GROUPING's mask of the columns a row is not grouped by (7 category, 11 ward, 13 area, 14 police
-- neighbourhood), and unit the one it is.
tallies AS (
  SELECT cid, GROUPING(category_slug, ward_code, area_code, police_neighbourhood_id) AS g,
         coalesce(category_slug, ward_code, area_code, police_neighbourhood_id::text) AS unit, count(*)::int AS n
  FROM clustered
  GROUP BY GROUPING SETS ((cid, category_slug), (cid, ward_code), (cid, area_code), (cid, police_neighbourhood_id))
),
tallied AS (
  SELECT cid,
         coalesce(json_object_agg(unit, n) FILTER (WHERE g = 7), '{}') AS categories,
         coalesce(json_object_agg(unit, n) FILTER (WHERE g = 11), '{}') AS wards,
         coalesce(json_object_agg(unit, n) FILTER (WHERE g = 13), '{}') AS areas,
         coalesce(json_object_agg(unit, n) FILTER (WHERE g = 14), '{}') AS neighbourhoods
  FROM tallies
  WHERE unit IS NOT NULL
  GROUP BY cid
),
-- The hull and centroid of each cluster's points (a point shared by n incidents counts n times
-- in the centroid), and its key: the rule of placeKey('CLUSTER', ids) in keys.ts, the sha256 of
-- the incident ids in numeric order joined by ',', its first 16 hex digits.
shaped AS (
  SELECT cid, count(*)::int AS count, min(month) AS first, max(month) AS last,
         ST_ConvexHull(ST_Collect(geom_bng)) AS hull, ST_Centroid(ST_Collect(geom_bng)) AS centroid,
         left(encode(sha256(convert_to(string_agg(id::text, ',' ORDER BY id), 'UTF8')), 'hex'), 16) AS hash
  FROM clustered
  GROUP BY cid
)
-- One row with no cluster (cid NULL) when none is found, so the threshold is always returned.
SELECT th.n AS incidents, th.area AS "areaSqM", th.m AS "minPoints",
       s.cid, s.count, to_char(s.first, 'YYYY-MM') AS "firstMonth", to_char(s.last, 'YYYY-MM') AS "lastMonth",
       ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Transform(s.hull, 4326)), 6)::json AS hull,
       ST_AsGeoJSON(ST_Transform(s.centroid, 4326), 6)::json AS centroid,
       ST_Area(s.hull) / th.area AS "extentShare",
       s.hash, coalesce(t.categories, '{}') AS categories, coalesce(t.wards, '{}') AS wards,
       coalesce(t.areas, '{}') AS areas, coalesce(t.neighbourhoods, '{}') AS neighbourhoods
FROM threshold th
LEFT JOIN shaped s ON true
LEFT JOIN tallied t ON t.cid = s.cid
ORDER BY s.cid;
