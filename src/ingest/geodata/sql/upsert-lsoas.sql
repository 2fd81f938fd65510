-- Writes LSOAs with their set, validity, populations and outline (exterior rings counter-clockwise).
-- $1 json [{code, name, set, validFrom, validTo, mid2015, mid2020, geometry}].
INSERT INTO lsoa (code, name, boundary_set_id, valid_from, valid_to, population_mid2015, population_mid2020, geom)
SELECT r.code, r.name, r.set, r."validFrom", r."validTo", r.mid2015, r.mid2020,
       ST_ForcePolygonCCW(ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry::text), 4326)))
FROM json_to_recordset($1::json)
     AS r(code text, name text, set text, "validFrom" date, "validTo" date, mid2015 int, mid2020 int, geometry json)
ON CONFLICT (code) DO UPDATE
SET name = EXCLUDED.name, boundary_set_id = EXCLUDED.boundary_set_id, valid_from = EXCLUDED.valid_from,
    valid_to = EXCLUDED.valid_to, population_mid2015 = EXCLUDED.population_mid2015,
    population_mid2020 = EXCLUDED.population_mid2020, geom = EXCLUDED.geom;
