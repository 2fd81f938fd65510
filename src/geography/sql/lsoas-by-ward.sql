-- LSOAs of each ward by the ONS best-fit lookup of the ward's set (loader batch), by code: a
-- 2013 ward's 2011 LSOAs, a 2023 ward's 2021 LSOAs. $1 text[] ward codes; index on
-- lsoa_ward_lookup.ward_code.
SELECT /*COLUMNS*/, k.ward_code AS "wardCode"
FROM lsoa_ward_lookup k
JOIN lsoa ON lsoa.code = k.lsoa_code
WHERE k.ward_code = ANY($1::text[])
ORDER BY lsoa.code;
