-- Writes the wards of one set with their area and outline (GeoJSON in, stored as MultiPolygon in
-- EPSG:4326 with exterior rings counter-clockwise, as RFC 7946 asks).
-- $1 json [{code, name, area, geometry}]; $2 text boundary set id.
INSERT INTO ward (code, name, area_code, boundary_set_id, geom)
SELECT r.code, r.name, r.area, $2::text,
       ST_ForcePolygonCCW(ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry::text), 4326)))
FROM json_to_recordset($1::json) AS r(code text, name text, area text, geometry json)
ON CONFLICT (code) DO UPDATE
SET name = EXCLUDED.name, area_code = EXCLUDED.area_code,
    boundary_set_id = EXCLUDED.boundary_set_id, geom = EXCLUDED.geom;
