-- The LSOAs of the LSOA set paired with a ward set, each with its centroid in EPSG:27700 metres
-- and the name of its best-fit ward in that set, by code. $1 text ward set.
SELECT l.code, ST_X(ST_Transform(ST_Centroid(l.geom), 27700)) AS x, ST_Y(ST_Transform(ST_Centroid(l.geom), 27700)) AS y, w.name AS ward
FROM boundary_set ws
CROSS JOIN LATERAL lsoas_of_set(ws.lsoa_set_id) l
JOIN lsoa_ward_lookup k ON k.lsoa_code = l.code
JOIN ward w ON w.code = k.ward_code AND w.boundary_set_id = ws.id
WHERE ws.id = $1::text
ORDER BY l.code;
