-- Wards by code (loader batch), with land area and centroid computed from the geometry.
-- $1 text[] codes; primary key lookup. Area in EPSG:27700 (metres) for a true km².
SELECT code,
       name,
       area_code AS "areaCode",
       ST_Area(ST_Transform(geom, 27700)) / 1e6 AS "areaSqKm",
       ST_AsGeoJSON(ST_Centroid(geom), 6)::json AS centroid
FROM ward
WHERE code = ANY($1::text[]);
