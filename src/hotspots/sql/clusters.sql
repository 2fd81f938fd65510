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
-- uniform background may have of reaching the chosen minimum (BACKGROUND_ALPHA); $11 text[] the
-- wards of the set whose union the extent is (a city, areas or wards), or NULL (a polygon, a box,
-- or an extent with units cut out); $12 text 'ward', 'area' or 'neighbourhood': only clusters whose
-- incidents lie in more than one unit of that level (crossBoundaryIssues' clusters), or NULL for
-- all. Summing and keying only those saves most of the work, as most clusters lie in one unit.
--
-- Which incidents: on an extent of whole wards, those placed in its wards (by the ward of their
-- month when $9), read by ward and month, on current wards from IDX_incident_ward_month_points
-- alone; otherwise those whose point intersects the extent. The two differ only for a point on
-- the edge between a ward of the extent and one outside, which placement gives to one of them
-- (place_point: the lowest code). Reading North's year at 1,000,000 incidents by testing each
-- point against its outline took 0.83 s; by its wards, 0.14 s.
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
--
-- Everything after the clustering is summed per site, not per incident: each site's incidents
-- per category, ward, area and neighbourhood, its months and its ids, in one pass over the
-- incidents each, then added up over a cluster's sites. The hull of a cluster's sites is the hull
-- of its incidents' points, and its centroid their mean, each site weighted by its incidents.
WITH extent AS (
  SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326), 27700) AS g
),
-- The extent is written out here, not read from the CTE: given the GeoJSON, the planner folds it
-- to a constant and estimates how many incidents it holds, so at a city's volume it combines
-- the month and GiST indexes into one bitmap read in table order. Through the CTE (or ST_Subdivide
-- pieces of it) it guessed a few dozen rows and walked the GiST index, fetching each incident at
-- random: 3 to 5 s rather than about 1.5 s for North's year at 1,000,000 incidents. PostGIS
-- prepares the constant outline once for ST_Intersects, so pieces are not needed for speed. The
-- CASEs on parameters fold the same way, leaving one test for the planner to plan.
located AS (
  SELECT inc.id, ST_X(p.g) AS x, ST_Y(p.g) AS y, inc.category_slug, inc.month,
         CASE WHEN $9::boolean THEN inc.month_ward_code ELSE inc.ward_code END AS ward_code,
         CASE WHEN $9::boolean THEN inc.month_area_code ELSE inc.area_code END AS area_code,
         inc.police_neighbourhood_id
  FROM incident inc
  CROSS JOIN LATERAL (
    SELECT CASE WHEN $8::boolean THEN inc.geom_bng ELSE published_point_bng(inc.geom_bng, inc.status) END AS g
  ) p
  WHERE CASE WHEN $11::text[] IS NULL
             THEN ST_Intersects(inc.geom_bng, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326), 27700))
             ELSE inc.geom_bng IS NOT NULL
                  AND CASE WHEN $9::boolean THEN inc.month_ward_code ELSE inc.ward_code END = ANY($11::text[]) END
    AND ($4::text[] IS NULL OR inc.category_slug = ANY($4::text[]))
    AND inc.month BETWEEN $5::date AND $6::date
    AND ($7::text[] IS NULL OR inc.source = ANY($7::text[]))
),
-- The incidents summed in one hashed pass, by point and every unit they are tallied by: their
-- number, first id, first and last month and ids. A point's units rarely vary (only its month's
-- ward, across a change of wards), so there are about as many rows as points times categories.
-- Then each row is given its point's site: the distinct points numbered 1, 2, ... in their order,
-- so that per-site facts can be kept in arrays indexed by site, and joined by number (summed and
-- numbered apart, or the planner sorts every incident to group them in the order it numbers).
summed AS MATERIALIZED (
  SELECT x, y, category_slug, ward_code, area_code, police_neighbourhood_id, count(*)::int AS n, min(id) AS first_id,
         min(month) AS first_month, max(month) AS last_month, array_agg(id) AS ids
  FROM located
  GROUP BY x, y, category_slug, ward_code, area_code, police_neighbourhood_id
),
fine AS MATERIALIZED (
  SELECT dense_rank() OVER (ORDER BY x, y)::int AS site, summed.* FROM summed
),
-- The minimum points when none is given, chosen from the incidents read once for clustering
-- rather than counted by a statement of their own: densityThreshold's rule (density.ts), the
-- smallest m >= max(2, floor(mean)) with n x P(X >= m - 1) < alpha, X Poisson with mean
-- n pi eps^2 / area. The process checks the choice by that rule and asks again with its own if
-- float rounding made them differ, so the rule has one home; hence n and the area are returned.
background AS (
  SELECT n, area, CASE WHEN area > 0 THEN n * pi() * $2::float8 * $2::float8 / area ELSE 0 END AS mean
  FROM (SELECT (SELECT coalesce(sum(n), 0) FROM fine)::int AS n, (SELECT ST_Area(g) FROM extent) AS area) c
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
-- Each site with its point, its incidents' number, first id and months, and the square (a little
-- wider than eps, so float rounding cannot put a neighbour two squares away) that finds its
-- neighbours among the 3 x 3 squares around it by a hash join.
sites AS MATERIALIZED (
  SELECT site, ST_SetSRID(ST_MakePoint(x, y), 27700) AS g, x, y, w, first_id, first_month, last_month,
         floor(x / ($2::float8 * (1 + 1e-9)))::bigint AS cx, floor(y / ($2::float8 * (1 + 1e-9)))::bigint AS cy
  FROM (
    SELECT site, min(x) AS x, min(y) AS y, sum(n)::int AS w, min(first_id) AS first_id, min(first_month) AS first_month,
           max(last_month) AS last_month
    FROM fine
    GROUP BY site
  ) s
),
-- Where points are rarely shared (exact points, synthetic data) sites save nothing and their
-- pairs cost more than the window function, which then runs over the incidents instead (its
-- clusters renumbered in the order of their first incident, as below). So it does for a radius
-- over 500 m: the pairs of sites grow with eps squared, while the window function stops
-- measuring a core point's neighbours early (2 s against 0.3 s for a month of Derby at 5 km).
shared AS (
  SELECT $2::float8 <= 500 AND (SELECT sum(w) FROM sites) >= 2 * (SELECT count(*) FROM sites) AS yes
),
near AS MATERIALIZED (
  SELECT a.site AS a, b.site AS b, b.w
  FROM sites a
  CROSS JOIN (VALUES (-1), (0), (1)) ox(dx)
  CROSS JOIN (VALUES (-1), (0), (1)) oy(dy)
  JOIN sites b ON b.cx = a.cx + ox.dx AND b.cy = a.cy + oy.dy
  WHERE (SELECT yes FROM shared) AND ST_DWithin(a.g, b.g, $2::float8)
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
  WHERE (SELECT yes FROM shared)
),
per_site AS MATERIALIZED (
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
  SELECT site, (dense_rank() OVER (ORDER BY first_of_comp) - 1)::int AS cid
  FROM (SELECT m.site, min(s.first_id) OVER (PARTITION BY m.comp) AS first_of_comp
        FROM members m JOIN sites s ON s.site = m.site) x
),
plain AS MATERIALIZED (
  SELECT i.id, f.site,
         ST_ClusterDBSCAN(ST_SetSRID(ST_MakePoint(f.x, f.y), 27700), $2::float8, (SELECT m FROM threshold)) OVER (ORDER BY i.id) AS comp
  FROM fine f CROSS JOIN LATERAL unnest(f.ids) AS i(id)
  WHERE NOT (SELECT yes FROM shared)
),
-- The window function's clusters renumbered in the order of their first incident, given to the
-- sites of their incidents (incidents at one point share a cluster, as above).
renumbered AS (
  SELECT comp, (row_number() OVER (ORDER BY min(id)) - 1)::int AS cid FROM plain WHERE comp IS NOT NULL GROUP BY comp
),
plain_labelled AS (
  SELECT p.site, max(r.cid) AS cid
  FROM plain p JOIN renumbered r ON r.comp = p.comp
  GROUP BY p.site
),
-- Each clustered site with its cluster.
clustered AS MATERIALIZED (
  SELECT site, cid FROM labelled
  UNION ALL
  SELECT site, cid FROM plain_labelled
),
-- Each cluster's incidents per category, ward, area and police neighbourhood; g is GROUPING's
-- mask of the columns a row is not grouped by (7 category, 11 ward, 13 area, 14 police
-- neighbourhood), and unit the one it is.
tallies AS (
  SELECT c.cid, GROUPING(f.category_slug, f.ward_code, f.area_code, f.police_neighbourhood_id) AS g,
         coalesce(f.category_slug, f.ward_code, f.area_code, f.police_neighbourhood_id::text) AS unit, sum(f.n)::int AS n
  FROM fine f JOIN clustered c ON c.site = f.site
  GROUP BY GROUPING SETS ((c.cid, f.category_slug), (c.cid, f.ward_code), (c.cid, f.area_code), (c.cid, f.police_neighbourhood_id))
),
-- The clusters asked for: all, or those in more than one unit at $12's level.
wanted AS MATERIALIZED (
  SELECT cid
  FROM tallies
  WHERE unit IS NOT NULL
  GROUP BY cid
  HAVING $12::text IS NULL
      OR count(*) FILTER (WHERE g = CASE $12::text WHEN 'ward' THEN 11 WHEN 'area' THEN 13 WHEN 'neighbourhood' THEN 14 END) > 1
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
-- The hull of each cluster's sites (collected in the order of their first incidents, so that the
-- direction of a two-point hull, a line, does not depend on the plan), their centroid weighted
-- by their incidents (the mean of the incidents' points, as ST_Centroid of them all gives it),
-- and its key: the rule of
-- placeKey('CLUSTER', ids) in keys.ts, the sha256 of the incident ids in numeric order joined by
-- ',', its first 16 hex digits.
shaped AS (
  SELECT c.cid, sum(s.w)::int AS count, min(s.first_month) AS first, max(s.last_month) AS last,
         ST_ConvexHull(ST_Collect(s.g ORDER BY s.first_id)) AS hull,
         ST_SetSRID(ST_MakePoint(sum(s.w * s.x) / sum(s.w), sum(s.w * s.y) / sum(s.w)), 27700) AS centroid
  FROM clustered c JOIN wanted USING (cid) JOIN sites s ON s.site = c.site
  GROUP BY c.cid
),
-- The id lists of the clustered sites' incidents, kept apart so that only they are unnested.
clustered_ids AS MATERIALIZED (
  SELECT c.cid, f.ids
  FROM fine f JOIN clustered c ON c.site = f.site JOIN wanted w ON w.cid = c.cid
),
keyed AS (
  SELECT c.cid, left(encode(sha256(convert_to(string_agg(i.id::text, ',' ORDER BY i.id), 'UTF8')), 'hex'), 16) AS hash
  FROM clustered_ids c CROSS JOIN LATERAL unnest(c.ids) AS i(id)
  GROUP BY c.cid
)
-- One row with no cluster (cid NULL) when none is found, so the threshold is always returned.
SELECT th.n AS incidents, th.area AS "areaSqM", th.m AS "minPoints",
       s.cid, s.count, to_char(s.first, 'YYYY-MM') AS "firstMonth", to_char(s.last, 'YYYY-MM') AS "lastMonth",
       ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Transform(s.hull, 4326)), 6)::json AS hull,
       ST_AsGeoJSON(ST_Transform(s.centroid, 4326), 6)::json AS centroid,
       ST_Area(s.hull) / th.area AS "extentShare",
       k.hash, coalesce(t.categories, '{}') AS categories, coalesce(t.wards, '{}') AS wards,
       coalesce(t.areas, '{}') AS areas, coalesce(t.neighbourhoods, '{}') AS neighbourhoods
FROM threshold th
LEFT JOIN shaped s ON true
LEFT JOIN keyed k ON k.cid = s.cid
LEFT JOIN tallied t ON t.cid = s.cid
ORDER BY s.cid;
