-- Writes the wards of a set whose areas are carried over from the set before it. A ward already
-- held keeps its area (an administrator may have moved it); a new one starts in the area of the
-- earlier ward that holds most of its land, until its area is set by residents from the crosswalk.
-- Outlines are repaired only after every set is written, so the overlay measures repaired copies
-- (as repair-wards makes them): GEOS refuses to intersect a self-intersecting ring.
-- $1 json [{code, name, geometry}]; $2 text boundary set id; $3 text the earlier set's id.
INSERT INTO ward (code, name, area_code, boundary_set_id, geom)
SELECT r.code, r.name,
       (SELECT pw.area_code FROM ward pw
        WHERE pw.boundary_set_id = $3::text AND ST_Intersects(pw.geom, g.geom)
        ORDER BY ST_Area(ST_Intersection(ST_CollectionExtract(ST_MakeValid(pw.geom), 3),
                                         ST_CollectionExtract(ST_MakeValid(g.geom), 3))) DESC, pw.code LIMIT 1),
       $2::text, g.geom
FROM json_to_recordset($1::json) AS r(code text, name text, geometry json)
CROSS JOIN LATERAL (
  SELECT ST_ForcePolygonCCW(ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry::text), 4326))) AS geom
) g
ON CONFLICT (code) DO UPDATE
SET name = EXCLUDED.name, boundary_set_id = EXCLUDED.boundary_set_id, geom = EXCLUDED.geom;
