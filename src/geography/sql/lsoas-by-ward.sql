-- LSOAs of each ward by the ONS best-fit lookup (loader batch), by code.
-- $1 text[] ward codes; index on lsoa.ward_code.
SELECT /*COLUMNS*/
FROM lsoa
WHERE ward_code = ANY($1::text[])
ORDER BY code;
