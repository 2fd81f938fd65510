-- Unit outlines as RFC 7946 GeoJSON (loader batch), optionally simplified; always a MultiPolygon
-- with exterior rings counter-clockwise. /*UNITS*/ (rows of key and geom) and /*KEYS*/ (the key
-- array type) are spliced in from UNIT_OUTLINE in geography.service.ts: a ward, LSOA or police
-- neighbourhood as stored, an area as the union of its wards. Simplification runs in EPSG:27700
-- so the tolerance is metres. An area's outline is of its wards in one set (set_id); other units
-- have none. $1 unit keys; $2 float8 tolerance in metres (0: as stored); $3 text ward set of an
-- area (NULL: current).
SELECT u.key::text AS code,
       ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Multi(
         CASE WHEN $2::float8 > 0
              THEN ST_Transform(ST_SimplifyPreserveTopology(ST_Transform(u.geom, 27700), $2::float8), 4326)
              ELSE u.geom END)), 6)::json AS geometry
FROM (/*UNITS*/) u
WHERE u.key = ANY($1::/*KEYS*/)
  AND (u.set_id IS NULL OR u.set_id = COALESCE($3::text, current_set('ward')));
