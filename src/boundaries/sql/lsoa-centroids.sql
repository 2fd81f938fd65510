-- Every LSOA's centroid in EPSG:27700 metres, with its best-fit ward's name, by code.
SELECT l.code, ST_X(ST_Transform(ST_Centroid(l.geom), 27700)) AS x, ST_Y(ST_Transform(ST_Centroid(l.geom), 27700)) AS y, w.name AS ward
FROM lsoa l JOIN ward w ON w.code = l.ward_code
ORDER BY l.code;
