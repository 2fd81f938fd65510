-- Wards of each area in one ward set (loader batch), by name. $1 text[] area codes; $2 text ward
-- set (NULL: current); index on ward.area_code.
SELECT /*COLUMNS*/
FROM ward
WHERE area_code = ANY($1::text[]) AND boundary_set_id = COALESCE($2::text, current_set('ward'))
ORDER BY name;
