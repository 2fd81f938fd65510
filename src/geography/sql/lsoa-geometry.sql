-- LSOA outlines as RFC 7946 GeoJSON (loader batch), optionally simplified.
-- $1 text[] codes; $2 float8 tolerance in metres (0: as stored). Simplification runs in
-- EPSG:27700 so the tolerance is metres; exterior rings are forced counter-clockwise; always a MultiPolygon.
SELECT code,
       ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Multi(
         CASE WHEN $2::float8 > 0
              THEN ST_Transform(ST_SimplifyPreserveTopology(ST_Transform(geom, 27700), $2::float8), 4326)
              ELSE geom END)), 6)::json AS geometry
FROM lsoa
WHERE code = ANY($1::text[]);
