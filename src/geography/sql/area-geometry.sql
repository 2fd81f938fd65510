-- Area outlines, the union of their wards, as RFC 7946 GeoJSON (loader batch), optionally
-- simplified. $1 text[] area codes; $2 float8 tolerance in metres (0: as unioned).
-- Simplification runs in EPSG:27700 so the tolerance is metres; exterior rings counter-clockwise; always a MultiPolygon.
SELECT a.code,
       ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Multi(
         CASE WHEN $2::float8 > 0
              THEN ST_Transform(ST_SimplifyPreserveTopology(ST_Transform(a.geom, 27700), $2::float8), 4326)
              ELSE a.geom END)), 6)::json AS geometry
FROM (
  SELECT area_code AS code, ST_Multi(ST_Union(geom)) AS geom
  FROM ward
  WHERE area_code = ANY($1::text[])
  GROUP BY area_code
) a;
