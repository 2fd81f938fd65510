-- A ward's columns as the API reads them, shared by every ward statement (included where
-- /*COLUMNS*/ stands). Land area in EPSG:27700 (metres) for a true km².
code,
name,
area_code AS "areaCode",
boundary_set_id AS "boundarySetId",
ST_Area(ST_Transform(geom, 27700)) / 1e6 AS "areaSqKm",
ST_AsGeoJSON(ST_Centroid(geom), 6)::json AS centroid
