-- One page of areas as features, by code. $1..$4 as in areas-match.sql; $5 int features; $6 int
-- features to skip. RFC 7946 GeoJSON MultiPolygons, exterior rings counter-clockwise.
SELECT u.code AS id,
       u.name,
       u.description,
       u.set_id AS "boundarySet",
       u.ward_count AS "wardCount",
       ST_AsGeoJSON(ST_ForcePolygonCCW(u.geom), 6)::json AS geometry
FROM /*MATCH*/
ORDER BY u.code
LIMIT $5::int OFFSET $6::int;
