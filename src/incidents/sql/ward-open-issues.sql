-- Street-scene issues still open (open or in progress) per ward now, with their median age in
-- days since reported (loader batch). $1 text[] ward codes; $2 text[] categories or NULL.
SELECT ward_code AS key,
       count(*)::int AS open,
       (percentile_cont(0.5) WITHIN GROUP (
          ORDER BY extract(epoch FROM now() - COALESCE(occurred_at, created_at)) / 86400))::float8 AS "medianAgeDays"
FROM incident
WHERE ward_code = ANY($1::text[])
  AND status IN ('open', 'in_progress')
  AND ($2::text[] IS NULL OR category_slug = ANY($2::text[]))
GROUP BY ward_code;
