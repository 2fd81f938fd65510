-- Crime and anti-social behaviour per unit and month over a period, for the rates and the trend
-- of a need index, every unit of the level at once. Read from incident_month_count, the counts
-- per unit column, unit, month and category that triggers keep equal to incident (migration
-- SummaryTables): a year of 1,000,000 incidents is a few thousand rows here, against about
-- 500,000 index entries counted from incident itself. Only units holding an incident have rows,
-- as only non-null units were counted before.
-- $1 date first month; $2 date last month; $3 text the incident column that places the level's
-- units (unit_column), from NEED_UNIT in need.service.ts.
SELECT c.unit_key AS key, to_char(c.month, 'YYYY-MM') AS month, k.kind, sum(c.n)::int AS n
FROM incident_month_count c
JOIN incident_category k ON k.slug = c.category_slug
WHERE c.unit_column = $3::text
  AND c.month BETWEEN $1::date AND $2::date
  AND k.kind IN ('crime', 'asb')
GROUP BY c.unit_key, c.month, k.kind;
