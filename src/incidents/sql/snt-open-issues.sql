-- Street-scene issues still open per police neighbourhood now, with their median age in days
-- (loader batch). $1 text[] neighbourhood ids; $2 text[] categories or NULL.
SELECT police_neighbourhood_id::text AS key,
       count(*)::int AS open,
       (percentile_cont(0.5) WITHIN GROUP (
          ORDER BY extract(epoch FROM now() - COALESCE(occurred_at, created_at)) / 86400))::float8 AS "medianAgeDays"
FROM incident
WHERE police_neighbourhood_id = ANY($1::int[])
  AND status IN ('open', 'in_progress')
  AND ($2::text[] IS NULL OR category_slug = ANY($2::text[]))
GROUP BY police_neighbourhood_id;
