-- An LSOA's columns as the API reads them, shared by every LSOA statement (included where
-- /*COLUMNS*/ stands; each statement adds the ward it reports). Land area in EPSG:27700 (metres)
-- for a true km².
lsoa.code,
lsoa.name,
lsoa.valid_from::text AS "validFrom",
lsoa.valid_to::text AS "validTo",
lsoa.population_mid2015 AS "populationMid2015",
lsoa.population_mid2020 AS "populationMid2020",
ST_Area(ST_Transform(lsoa.geom, 27700)) / 1e6 AS "areaSqKm"
