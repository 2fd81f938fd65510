-- One page of LSOAs as features, by code. $1..$4 as in lsoas-match.sql; $5 int features; $6 int
-- features to skip. Population is the published mid-2020 figure; the IMD deciles are those of the
-- 2019 edition (2011 LSOAs) and the 2025 edition (2021 LSOAs), NULL where the edition has none.
SELECT l.code AS id,
       l.name,
       bw.ward_code AS "wardCode",
       l.population_mid2020 AS population,
       (SELECT d.decile FROM lsoa_deprivation d
         WHERE d.lsoa_code = l.code AND d.edition = 2019 AND d.domain = 'imd') AS "imd2019Decile",
       (SELECT d.decile FROM lsoa_deprivation d
         WHERE d.lsoa_code = l.code AND d.edition = 2025 AND d.domain = 'imd') AS "imd2025Decile",
       round((ST_Area(ST_Transform(l.geom, 27700)) / 1e6)::numeric, 3)::float8 AS "areaSqKm",
       ST_AsGeoJSON(ST_ForcePolygonCCW(l.geom), 6)::json AS geometry
FROM /*MATCH*/
ORDER BY l.code
LIMIT $5::int OFFSET $6::int;
