-- One page of police neighbourhoods as features, by force and code. $1..$4 as in
-- police-neighbourhoods-match.sql; $5 int features; $6 int features to skip.
SELECT y.force || ':' || n.code AS id,
       n.code,
       n.name,
       y.force,
       y.synthetic,
       ST_AsGeoJSON(ST_ForcePolygonCCW(n.geom), 6)::json AS geometry
FROM /*MATCH*/
ORDER BY y.force, n.code
LIMIT $5::int OFFSET $6::int;
