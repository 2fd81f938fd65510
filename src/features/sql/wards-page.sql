-- One page of wards as features, by code. $1..$5 as in wards-match.sql; $6 int features; $7 int
-- features to skip. Land in EPSG:27700 for a true km²; population is mid-2020, each LSOA's share
-- by land (as Ward.population); RFC 7946 GeoJSON with exterior rings counter-clockwise.
SELECT w.code AS id,
       w.name,
       w.area_code AS "areaCode",
       a.name AS "areaName",
       w.boundary_set_id AS "boundarySet",
       s.valid_from::text AS "validFrom",
       s.valid_to::text AS "validTo",
       round((ST_Area(ST_Transform(w.geom, 27700)) / 1e6)::numeric, 3)::float8 AS "areaSqKm",
       (SELECT round(SUM(l.population_mid2020 * sh.share))::int
          FROM lsoa_ward_share sh JOIN lsoa l ON l.code = sh.lsoa_code
         WHERE sh.ward_code = w.code) AS population,
       ST_AsGeoJSON(ST_ForcePolygonCCW(w.geom), 6)::json AS geometry
FROM /*MATCH*/
ORDER BY w.code
LIMIT $6::int OFFSET $7::int;
