-- What the incident_month_count_insert trigger adds for a statement's rows (migration
-- SummaryTables), once for a bulk chunk's inserted rows (police_written): incidents per unit
-- column, unit, month and category. Upserted in key order, as the trigger does.
INSERT INTO incident_month_count (unit_column, month, unit_key, category_slug, n)
SELECT u.unit_column, w.month, u.unit_key, w.category_slug, count(*)::int
FROM police_written w
CROSS JOIN LATERAL (VALUES
  ('ward_code', w.ward_code), ('area_code', w.area_code),
  ('month_ward_code', w.month_ward_code), ('month_area_code', w.month_area_code),
  ('lsoa_code', w.lsoa_code), ('police_neighbourhood_id', w.police_neighbourhood_id::text)
) u(unit_column, unit_key)
WHERE u.unit_key IS NOT NULL
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4
ON CONFLICT (unit_column, month, unit_key, category_slug) DO UPDATE SET n = incident_month_count.n + EXCLUDED.n;
