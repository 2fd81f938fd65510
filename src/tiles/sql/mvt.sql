-- One layer of tile $1/$2/$3 (z/x/y) as a Mapbox Vector Tile, by PostGIS (ST_AsMVT; extent 4096,
-- buffer 64, geometry clipped to the tile and its buffer). The source slot yields geom in
-- EPSG:3857 and the layer's properties (the properties slot); its own parameters follow $3. Empty
-- when no feature reaches the tile. The server path; PGlite's PostGIS has no protobuf.
WITH src AS (/*SOURCE*/)
SELECT ST_AsMVT(t, '/*LAYER*/', 4096, 'geom') AS tile
FROM (
  SELECT ST_AsMVTGeom(src.geom, ST_TileEnvelope($1, $2, $3), 4096, 64, true) AS geom, /*PROPERTIES*/
  FROM src
) t
WHERE t.geom IS NOT NULL;
