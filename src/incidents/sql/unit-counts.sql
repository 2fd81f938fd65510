-- Incident counts per unit, category and month over a period (loader batch). /*UNIT*/ is the
-- incident's unit column and /*KEYS*/ its key array type, spliced in from INCIDENT_UNIT in
-- incidents.service.ts: ward_code or area_code (text[]), police_neighbourhood_id (int[]); each
-- has its own index. $1 unit keys; $2 date first month; $3 date last month; $4 text[] categories or NULL.
SELECT /*UNIT*/::text AS key, category_slug AS category, to_char(month, 'YYYY-MM') AS month, count(*)::int AS n
FROM incident
WHERE /*UNIT*/ = ANY($1::/*KEYS*/)
  AND month BETWEEN $2::date AND $3::date
  AND ($4::text[] IS NULL OR category_slug = ANY($4::text[]))
GROUP BY /*UNIT*/, category_slug, month;
