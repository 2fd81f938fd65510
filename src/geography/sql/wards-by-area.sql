-- Wards of each area (loader batch), by name. $1 text[] area codes; index on ward.area_code.
SELECT /*COLUMNS*/
FROM ward
WHERE area_code = ANY($1::text[])
ORDER BY name;
