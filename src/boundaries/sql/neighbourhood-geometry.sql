-- Neighbourhood outlines as RFC 7946 GeoJSON (loader batch), optionally simplified in metres.
-- $1 int[] ids; $2 float8 tolerance in metres (0: as stored).
SELECT id,
       ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Multi(
         CASE WHEN $2::float8 > 0
              THEN ST_Transform(ST_SimplifyPreserveTopology(ST_Transform(geom, 27700), $2::float8), 4326)
              ELSE geom END)), 6)::json AS geometry
FROM police_neighbourhood
WHERE id = ANY($1::int[]);
