-- A unit's outline as a footprint. $1 ward set id; $2 level; $3 code (a police neighbourhood's id).
SELECT ST_AsGeoJSON(ST_Multi(x.g), 6)::json AS footprint, x.name
FROM (SELECT $2::text AS level, $3::text AS unit_code) u
CROSS JOIN LATERAL (/*UNIT_GEOMETRY*/) x;
