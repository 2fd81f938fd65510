-- Street-scene problems open or in progress now, per unit of a level, with their median age in
-- days since reported. The UNIT slot is the incident's unit column for the level and placement,
-- spliced in from NEED_UNIT in need.service.ts. No parameters.
SELECT /*UNIT*/::text AS key,
       count(*)::int AS open,
       (percentile_cont(0.5) WITHIN GROUP (
          ORDER BY extract(epoch FROM now() - COALESCE(i.occurred_at, i.created_at)) / 86400))::float8 AS "medianAgeDays"
FROM incident i
JOIN incident_category c ON c.slug = i.category_slug
WHERE c.kind = 'street_scene'
  AND i.status IN ('open', 'in_progress')
  AND /*UNIT*/ IS NOT NULL
GROUP BY 1;
