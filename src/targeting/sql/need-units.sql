-- The units of one level that a need index ranks, each with its key, code, name and mid-2020
-- residents (the denominator of its rates). The UNITS slot holds the level's rows, spliced in from
-- NEED_UNIT in need.service.ts: wards or areas of the ward set, the LSOAs of the set's LSOA set,
-- or the current police neighbourhoods. $1 text ward set.
WITH units AS (/*UNITS*/)
SELECT key, code, name, population
FROM units
ORDER BY code;
