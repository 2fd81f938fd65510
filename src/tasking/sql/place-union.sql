-- Computed pieces (hot cells, a cluster's hull) made into one footprint, widened by $2 metres
-- (in British National Grid) when $2 > 0: a hull's corners are incidents, and GeoJSON's six
-- decimals (about 0.1 m) would otherwise leave some of them just outside; a hull of points in a
-- line or on one spot becomes an area too. $1 text[] GeoJSON geometries in WGS 84; $2 float8 metres.
WITH u AS (
  SELECT ST_Union(ST_SetSRID(ST_GeomFromGeoJSON(g), 4326)) AS g FROM unnest($1::text[]) AS g
)
SELECT ST_AsGeoJSON(ST_Multi(CASE WHEN $2::float8 > 0
                                  THEN ST_Transform(ST_Buffer(ST_Transform(u.g, 27700), $2::float8, 8), 4326)
                                  ELSE u.g END),
                    6)::json AS footprint
FROM u;
