-- Street-scene issues still open (open or in progress) per unit now, with their median age in
-- days since reported (loader batch). /*UNIT*/ and /*KEYS*/ are spliced in from INCIDENT_UNIT in
-- incidents.service.ts, as in unit-counts.sql. $1 unit keys; $2 text[] categories or NULL.
SELECT /*UNIT*/::text AS key,
       count(*)::int AS open,
       (percentile_cont(0.5) WITHIN GROUP (
          ORDER BY extract(epoch FROM now() - COALESCE(occurred_at, created_at)) / 86400))::float8 AS "medianAgeDays"
FROM incident
WHERE /*UNIT*/ = ANY($1::/*KEYS*/)
  AND status IN ('open', 'in_progress')
  AND ($2::text[] IS NULL OR category_slug = ANY($2::text[]))
GROUP BY /*UNIT*/;
