-- Crime and anti-social behaviour per unit and month over a period, for the rates and the trend
-- of a need index. The UNIT slot is the incident's unit column for the level and placement,
-- spliced in from NEED_UNIT in need.service.ts. Every unit of the level is counted at once. The
-- inner grouping follows the covering (unit, month, category_slug) indexes of wards and areas in
-- their order, so PostgreSQL aggregates an index-only scan without sorting the period's rows
-- (675 ms to 233 ms for a year of 1,000,000 incidents on the server); categories join after.
-- $1 date first month; $2 date last month.
SELECT g.key, to_char(g.month, 'YYYY-MM') AS month, c.kind, sum(g.n)::int AS n
FROM (
  SELECT /*UNIT*/::text AS key, i.month, i.category_slug, count(*) AS n
  FROM incident i
  WHERE i.month BETWEEN $1::date AND $2::date
    AND /*UNIT*/ IS NOT NULL
  GROUP BY /*UNIT*/, i.month, i.category_slug
) g
JOIN incident_category c ON c.slug = g.category_slug
WHERE c.kind IN ('crime', 'asb')
GROUP BY g.key, g.month, c.kind;
