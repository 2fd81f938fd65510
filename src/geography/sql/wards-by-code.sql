-- Wards by code (loader batch), with land area and centroid computed from the geometry.
-- $1 text[] codes; primary key lookup. Area in EPSG:27700 (metres) for a true km².
SELECT /*COLUMNS*/
FROM ward
WHERE code = ANY($1::text[]);
