-- Crime and anti-social behaviour per unit and month over a period, for the rates and the trend
-- of a need index. The UNIT slot is the incident's unit column for the level and placement, spliced
-- in from NEED_UNIT in need.service.ts. Every unit of the level is counted at once, so this reads
-- the period's rows through the index on incident (month). $1 date first month; $2 date last month.
SELECT /*UNIT*/::text AS key, to_char(i.month, 'YYYY-MM') AS month, c.kind, count(*)::int AS n
FROM incident i
JOIN incident_category c ON c.slug = i.category_slug
WHERE i.month BETWEEN $1::date AND $2::date
  AND c.kind IN ('crime', 'asb')
  AND /*UNIT*/ IS NOT NULL
GROUP BY 1, 2, 3;
