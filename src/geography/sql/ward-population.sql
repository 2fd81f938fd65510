-- Mid-2020 population of each ward (loader batch): every LSOA's population times the share of
-- its land in the ward, so an LSOA split between wards is apportioned by area.
-- $1 text[] ward codes. Shares come from lsoa_ward_share, derived when geodata is loaded.
SELECT s.ward_code AS code, SUM(l.population_mid2020 * s.share)::float8 AS population
FROM lsoa_ward_share s
JOIN lsoa l ON l.code = s.lsoa_code
WHERE s.ward_code = ANY($1::text[])
GROUP BY s.ward_code;
