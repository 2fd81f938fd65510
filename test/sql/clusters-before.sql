-- The cluster statement before clusters were summed in SQL (src/hotspots/sql/clusters.sql), kept
-- as the reference the new one must equal: it returns every clustered incident.
-- Density clusters of the filtered incidents: DBSCAN on the stored EPSG:27700 points (eps in
-- metres, minimum points), over an extent, with the memberships
-- ST_ClusterDBSCAN(geom_bng, eps, minPoints) OVER (ORDER BY id) gives. Returns each clustered
-- incident with its cluster id, category, month, ward, area and police neighbourhood; noise is
-- left out.
-- $1 text extent GeoJSON; $2 float8 eps metres; $3 int min points; $4 text[] categories or NULL;
-- $5 date first month; $6 date last month; $7 text[] sources or NULL; $8 boolean exact points
-- (false: street-scene reports are clustered at their published point, published_point_bng);
-- $9 boolean: name incidents by the ward and area of their month (an analysis on an earlier set,
-- over the months it held) rather than by those of the current set.
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
-- Small pieces of the outline, each matched to incidents through the GiST index on geom_bng.
pieces AS (
  SELECT ST_Subdivide(g, 64) AS p FROM extent
),
located AS MATERIALIZED (
  SELECT DISTINCT ON (inc.id) inc.id, p.g AS geom_bng, ST_X(p.g) AS x, ST_Y(p.g) AS y, inc.category_slug, inc.month,
         CASE WHEN $9::boolean THEN inc.month_ward_code ELSE inc.ward_code END AS ward_code,
         CASE WHEN $9::boolean THEN inc.month_area_code ELSE inc.area_code END AS area_code,
         inc.police_neighbourhood_id
  FROM pieces
  JOIN incident inc ON ST_Intersects(inc.geom_bng, pieces.p)
  CROSS JOIN LATERAL (
    SELECT CASE WHEN $8::boolean THEN inc.geom_bng ELSE published_point_bng(inc.geom_bng, inc.status) END AS g
  ) p
  WHERE ($4::text[] IS NULL OR inc.category_slug = ANY($4::text[]))
    AND inc.month BETWEEN $5::date AND $6::date
    AND ($7::text[] IS NULL OR inc.source = ANY($7::text[]))
  ORDER BY inc.id
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
  SELECT array_agg(reach >= $3::int AND (SELECT count(*) FROM located) > $3::int ORDER BY a) AS core
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
  SELECT located.*, ST_ClusterDBSCAN(geom_bng, $2::float8, $3::int) OVER (ORDER BY id) AS comp
  FROM located
  WHERE NOT (SELECT yes FROM shared)
),
-- The window function's clusters renumbered in the order of their first incident.
renumbered AS (
  SELECT comp, (row_number() OVER (ORDER BY min(id)) - 1)::int AS cid FROM plain WHERE comp IS NOT NULL GROUP BY comp
),
clustered AS (
  SELECT lb.cid[l.site]::int AS cid, l.id, l.category_slug, l.month, l.ward_code, l.area_code, l.police_neighbourhood_id, l.x, l.y
  FROM placed l, labels lb
  WHERE (SELECT yes FROM shared) AND lb.cid[l.site] >= 0
  UNION ALL
  SELECT r.cid, p.id, p.category_slug, p.month, p.ward_code, p.area_code, p.police_neighbourhood_id, p.x, p.y
  FROM plain p JOIN renumbered r ON r.comp = p.comp
)
SELECT cid, id::text AS id, category_slug AS category, to_char(month, 'YYYY-MM') AS month,
       ward_code AS "wardCode", area_code AS "areaCode", police_neighbourhood_id AS "policeNeighbourhoodId", x, y
FROM clustered
ORDER BY cid, clustered.id;
