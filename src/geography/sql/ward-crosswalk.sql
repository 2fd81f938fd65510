-- The crosswalk rows of each ward (loader batch): from it to the wards that followed it ($2
-- true), or to it from the wards before it ($2 false), largest share of land first.
-- $1 text[] ward codes; $2 boolean successors. Indexes on both codes.
SELECT CASE WHEN $2::boolean THEN from_code ELSE to_code END AS key,
       from_code AS "fromCode", to_code AS "toCode", land_sq_m / 1e6 AS "landSqKm",
       land_share_of_from AS "landShareOfFrom", land_share_of_to AS "landShareOfTo",
       residents, residents_share_of_from AS "residentsShareOfFrom", residents_share_of_to AS "residentsShareOfTo"
FROM ward_crosswalk
WHERE CASE WHEN $2::boolean THEN from_code ELSE to_code END = ANY($1::text[])
ORDER BY key, CASE WHEN $2::boolean THEN land_share_of_from ELSE land_share_of_to END DESC;
