-- Progress of priorities: incidents of each priority's categories (all when it names none) inside
-- its footprint from January of its plan's year to the last month counted (the month asked, or
-- the latest month the hub holds; no later than December), and in the same months a year before.
-- "to" is NULL when the hub holds no incident at all. The footprint and incident.geom are both
-- EPSG:4326, so ST_Intersects uses the GiST index on incident.geom (IDX on geom) as it stands;
-- nothing is transformed. Exact points are counted: a priority is an officer's, and only counts leave.
-- $1 int[] priority ids; $2 the last month to count (first day), NULL for the latest held.
WITH last AS (SELECT COALESCE($2::date, (SELECT max(month) FROM incident)) AS month),
p AS (
  SELECT pr.id, pr.categories, pr.footprint, pl.year, make_date(pl.year, 1, 1) AS from_m,
         CASE WHEN last.month IS NULL THEN NULL ELSE LEAST(make_date(pl.year, 12, 1), last.month) END AS to_m
  FROM plan_priority pr
  JOIN neighbourhood_plan pl ON pl.id = pr.plan_id
  CROSS JOIN last
  WHERE pr.id = ANY($1::int[])
)
SELECT p.id::text AS "priorityId", p.year, to_char(p.to_m, 'YYYY-MM') AS "to", c.current, c.baseline
FROM p
CROSS JOIN LATERAL (
  SELECT count(*) FILTER (WHERE i.month >= p.from_m)::int AS current,
         count(*) FILTER (WHERE i.month < p.from_m)::int AS baseline
  FROM incident i
  WHERE p.to_m >= p.from_m
    AND (i.month BETWEEN p.from_m AND p.to_m
         OR i.month BETWEEN (p.from_m - interval '1 year')::date AND (p.to_m - interval '1 year')::date)
    AND (cardinality(p.categories) = 0 OR i.category_slug = ANY(p.categories))
    AND ST_Intersects(i.geom, p.footprint)
) c;
