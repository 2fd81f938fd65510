-- LSOAs by code (loader batch). $1 text[] codes; primary key lookup.
SELECT code,
       name,
       ward_code AS "wardCode",
       population_mid2015 AS "populationMid2015",
       population_mid2020 AS "populationMid2020",
       ST_Area(ST_Transform(geom, 27700)) / 1e6 AS "areaSqKm"
FROM lsoa
WHERE code = ANY($1::text[]);
