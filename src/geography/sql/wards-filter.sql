-- Wards of one set matching an optional area and an optional case-insensitive name fragment, by
-- name. $1 text area code or NULL; $2 text name fragment or NULL (strpos: no LIKE wildcards);
-- $3 text ward set (NULL: current).
SELECT /*COLUMNS*/
FROM ward
WHERE boundary_set_id = COALESCE($3::text, current_set('ward'))
  AND ($1::text IS NULL OR area_code = $1::text)
  AND ($2::text IS NULL OR strpos(lower(name), lower($2::text)) > 0)
ORDER BY name;
