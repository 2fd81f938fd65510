-- Computed pieces (hot cells, a cluster's hull) made into one footprint. A hull of points in a
-- line or on one spot is not an area: it is buffered by $2 metres (in British National Grid).
-- $1 text[] GeoJSON geometries in WGS 84; $2 float8 metres.
WITH u AS (
  SELECT ST_Union(ST_SetSRID(ST_GeomFromGeoJSON(g), 4326)) AS g FROM unnest($1::text[]) AS g
)
SELECT ST_AsGeoJSON(ST_Multi(CASE WHEN ST_Dimension(u.g) = 2 THEN u.g
                                  ELSE ST_Transform(ST_Buffer(ST_Transform(u.g, 27700), $2::float8, 8), 4326) END),
                    6)::json AS footprint
FROM u;
