-- For each ward of a later set, the residents it took from each area of the set before (through
-- the crosswalk), most first: the loader gives a carried-over ward the first area it can keep
-- contiguous. $1 text[] ward codes of the later set.
SELECT c.to_code AS "wardCode", f.area_code AS "areaCode", SUM(c.residents)::float8 AS residents
FROM ward_crosswalk c
JOIN ward f ON f.code = c.from_code
WHERE c.to_code = ANY($1::text[])
GROUP BY c.to_code, f.area_code
ORDER BY c.to_code, residents DESC, f.area_code;
