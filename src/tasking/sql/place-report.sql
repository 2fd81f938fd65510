-- A street-scene report as a footprint: 50 m around its exact point (in British National Grid
-- metres), with its ward, its category and the agency that owns the category. $1 incident id.
SELECT ST_AsGeoJSON(ST_Multi(ST_Transform(ST_Buffer(i.geom_bng, 50, 8), 4326)), 6)::json AS footprint,
       i.ward_code AS "wardCode", i.category_slug AS category, c.service AS agency, c.kind, i.status
FROM incident i
JOIN incident_category c ON c.slug = i.category_slug
WHERE i.id = $1::bigint;
