-- Writes LSOAs with their best-fit ward, populations and outline.
-- $1 json [{code, name, ward, mid2015, mid2020, geometry}]; $2 text boundary set id.
INSERT INTO lsoa (code, name, ward_code, boundary_set_id, population_mid2015, population_mid2020, geom)
SELECT r.code, r.name, r.ward, $2::text, r.mid2015, r.mid2020,
       ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry::text), 4326))
FROM json_to_recordset($1::json) AS r(code text, name text, ward text, mid2015 int, mid2020 int, geometry json)
ON CONFLICT (code) DO UPDATE
SET name = EXCLUDED.name, ward_code = EXCLUDED.ward_code, boundary_set_id = EXCLUDED.boundary_set_id,
    population_mid2015 = EXCLUDED.population_mid2015, population_mid2020 = EXCLUDED.population_mid2020,
    geom = EXCLUDED.geom;
