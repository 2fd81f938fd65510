-- A drawn polygon as a footprint: why it is not valid (NULL when it is), and the share of its
-- area inside the city (the union of the ward set's wards; a ratio of areas, so degrees do).
-- $1 GeoJSON text (Polygon or MultiPolygon); $2 ward set id.
WITH p AS (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326)) AS g),
city AS (SELECT ST_Union(geom) AS g FROM ward WHERE boundary_set_id = $2::text)
SELECT ST_AsGeoJSON(p.g, 6)::json AS footprint,
       CASE WHEN ST_IsValid(p.g) THEN NULL ELSE ST_IsValidReason(p.g) END AS "invalidReason",
       CASE WHEN ST_IsValid(p.g) AND ST_Area(p.g) > 0
            THEN ST_Area(ST_Intersection(p.g, city.g)) / ST_Area(p.g) END AS "insideShare"
FROM p, city;
