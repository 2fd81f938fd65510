-- Wards of each area (loader batch), by name. $1 text[] area codes; index on ward.area_code.
SELECT code,
       name,
       area_code AS "areaCode",
       ST_Area(ST_Transform(geom, 27700)) / 1e6 AS "areaSqKm",
       ST_AsGeoJSON(ST_Centroid(geom), 6)::json AS centroid
FROM ward
WHERE area_code = ANY($1::text[])
ORDER BY name;
