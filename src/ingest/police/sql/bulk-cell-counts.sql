-- What the incident_cell_count_insert trigger adds for a statement's rows (migration
-- CellMonthCounts), once for a bulk chunk's inserted rows (police_written). police.uk rows have no
-- workflow status, so each is counted once, at its point ('both'), its exact cell its cell.
-- The sizes are the trigger's (SIZES in that migration); the test comparing this path with the
-- triggers' catches a new migration that changes them. Upserted in key order, as the trigger does.
INSERT INTO incident_cell_count (cell_size, month, i, j, category_slug, source, points, exact_i, exact_j, ward_code,
                                 area_code, month_ward_code, month_area_code, police_neighbourhood_id, n)
SELECT s.size, w.month,
       floor(ST_X(w.geom_bng) / s.size::float8)::int, floor(ST_Y(w.geom_bng) / s.size::float8)::int,
       w.category_slug, w.source, 'both',
       floor(ST_X(w.geom_bng) / s.size::float8)::int, floor(ST_Y(w.geom_bng) / s.size::float8)::int,
       COALESCE(w.ward_code, ''), COALESCE(w.area_code, ''), COALESCE(w.month_ward_code, ''),
       COALESCE(w.month_area_code, ''), COALESCE(w.police_neighbourhood_id, 0), count(*)::int
FROM police_written w
CROSS JOIN unnest(ARRAY[250]) s(size)
WHERE w.geom_bng IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14
ON CONFLICT (cell_size, month, i, j, category_slug, source, points, exact_i, exact_j, ward_code, area_code,
             month_ward_code, month_area_code, police_neighbourhood_id)
DO UPDATE SET n = incident_cell_count.n + EXCLUDED.n;
