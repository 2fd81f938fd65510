-- LSOAs of each ward by the ONS best-fit lookup (loader batch), by code.
-- $1 text[] ward codes; index on lsoa.ward_code.
SELECT code,
       name,
       ward_code AS "wardCode",
       population_mid2015 AS "populationMid2015",
       population_mid2020 AS "populationMid2020",
       ST_Area(ST_Transform(geom, 27700)) / 1e6 AS "areaSqKm"
FROM lsoa
WHERE ward_code = ANY($1::text[])
ORDER BY code;
