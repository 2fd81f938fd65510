-- The hulls of clusters before they were summed in SQL, kept as the reference (with
-- clusters-before.sql) the new src/hotspots/sql/clusters.sql must equal.
-- The hull and centroid of each cluster, from its member incidents, as GeoJSON in EPSG:4326.
-- $1 int[] cluster number per member; $2 bigint[] member incident ids (same length); $3 boolean
-- exact points (false: street-scene reports at their published point, published_point_bng);
-- $4 text extent GeoJSON: each hull's area is given as a share of the extent's.
WITH extent AS (
  SELECT ST_Area(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($4::text), 4326), 27700)) AS area
)
SELECT m.cid,
       ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Transform(ST_ConvexHull(ST_Collect(p.g)), 4326)), 6)::json AS hull,
       ST_AsGeoJSON(ST_Transform(ST_Centroid(ST_Collect(p.g)), 4326), 6)::json AS centroid,
       ST_Area(ST_ConvexHull(ST_Collect(p.g))) / (SELECT area FROM extent) AS "extentShare"
FROM unnest($1::int[], $2::bigint[]) AS m(cid, id)
JOIN incident i ON i.id = m.id
CROSS JOIN LATERAL (
  SELECT CASE WHEN $3::boolean THEN i.geom_bng ELSE published_point_bng(i.geom_bng, i.status) END AS g
) p
GROUP BY m.cid;
