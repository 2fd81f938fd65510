-- Wards of the current set meeting tile $1/$2/$3 (z/x/y) with its buffer. The envelope is moved
-- to EPSG:4326 so the GiST index on ward.geom is used; the column is transformed only in SELECT.
SELECT ST_Transform(w.geom, 3857) AS geom, w.code, w.name, w.area_code AS "areaCode", w.boundary_set_id AS "boundarySet"
FROM ward w
WHERE w.boundary_set_id = current_set('ward')
  AND w.geom && ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 0.015625), 4326)
