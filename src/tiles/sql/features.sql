-- The same features as mvt.sql, for encoding in JavaScript (geojson-vt, vt-pbf): each clipped to
-- tile $1/$2/$3 and its buffer (64 of 4096 units) in EPSG:3857, then as WGS 84 GeoJSON, which
-- geojson-vt projects back to Web Mercator itself. The embedded path.
WITH src AS (/*SOURCE*/),
clipped AS (
  SELECT ST_ClipByBox2D(src.geom, ST_TileEnvelope($1, $2, $3, margin => 0.015625)) AS geom, /*PROPERTIES*/
  FROM src
)
SELECT ST_AsGeoJSON(ST_Transform(geom, 4326), 7)::json AS geometry, /*PROPERTIES*/
FROM clipped src
WHERE NOT ST_IsEmpty(geom);
