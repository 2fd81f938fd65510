-- Writes a layer's neighbourhoods as read (outlines are checked and repaired next).
-- $1 int layer id; $2 json [{code, name, geometry}].
INSERT INTO police_neighbourhood (layer_id, code, name, geom)
SELECT $1::int, r.code, r.name, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry::text), 4326))
FROM json_to_recordset($2::json) AS r(code text, name text, geometry json);
