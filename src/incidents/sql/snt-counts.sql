-- Incident counts per police neighbourhood, category and month over a period (loader batch).
-- $1 text[] neighbourhood ids; $2 date first month; $3 date last month; $4 text[] categories or NULL.
SELECT police_neighbourhood_id::text AS key, category_slug AS category, to_char(month, 'YYYY-MM') AS month, count(*)::int AS n
FROM incident
WHERE police_neighbourhood_id = ANY($1::int[])
  AND month BETWEEN $2::date AND $3::date
  AND ($4::text[] IS NULL OR category_slug = ANY($4::text[]))
GROUP BY police_neighbourhood_id, category_slug, month;
