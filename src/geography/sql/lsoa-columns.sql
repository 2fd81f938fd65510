-- An LSOA's columns as the API reads them, shared by every LSOA statement (included where
-- /*COLUMNS*/ stands). Land area in EPSG:27700 (metres) for a true km².
code,
name,
ward_code AS "wardCode",
population_mid2015 AS "populationMid2015",
population_mid2020 AS "populationMid2020",
ST_Area(ST_Transform(geom, 27700)) / 1e6 AS "areaSqKm"
