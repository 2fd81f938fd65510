-- Mid-2020 population of each area in one ward set (loader batch): the apportioned populations
-- of its wards. $1 text[] area codes; $2 text ward set (NULL: current).
SELECT w.area_code AS code, SUM(l.population_mid2020 * s.share)::float8 AS population
FROM lsoa_ward_share s
JOIN lsoa l ON l.code = s.lsoa_code
JOIN ward w ON w.code = s.ward_code
WHERE w.area_code = ANY($1::text[]) AND w.boundary_set_id = COALESCE($2::text, current_set('ward'))
GROUP BY w.area_code;
