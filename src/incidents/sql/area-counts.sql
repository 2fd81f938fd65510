-- Incident counts per area, category and month over a period (loader batch).
-- $1 text[] area codes; $2 date first month; $3 date last month; $4 text[] categories or NULL.
-- Uses the (area_code, month) index.
SELECT area_code AS key, category_slug AS category, to_char(month, 'YYYY-MM') AS month, count(*)::int AS n
FROM incident
WHERE area_code = ANY($1::text[])
  AND month BETWEEN $2::date AND $3::date
  AND ($4::text[] IS NULL OR category_slug = ANY($4::text[]))
GROUP BY area_code, category_slug, month;
