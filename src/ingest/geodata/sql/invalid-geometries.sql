-- Outlines PostGIS finds invalid (self-intersections, bad rings), with its reason.
SELECT 'ward' AS kind, code, ST_IsValidReason(geom) AS reason FROM ward WHERE NOT ST_IsValid(geom)
UNION ALL
SELECT 'lsoa', code, ST_IsValidReason(geom) FROM lsoa WHERE NOT ST_IsValid(geom)
ORDER BY kind, code;
