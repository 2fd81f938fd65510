-- Incidents inside a task's footprint, in a period of months, of its categories (all when it
-- names none): how many, and the ids of the newest $4. $1 task id; $2 date first month; $3 date
-- last month; $4 int how many ids.
WITH t AS (
  SELECT footprint, categories FROM task WHERE id = $1::bigint
),
hits AS (
  SELECT i.id, i.month
  FROM t JOIN incident i ON ST_Intersects(i.geom, t.footprint)
  WHERE i.month BETWEEN $2::date AND $3::date
    AND (cardinality(t.categories) = 0 OR i.category_slug = ANY(t.categories))
)
SELECT (SELECT count(*)::int FROM hits) AS count,
       (SELECT coalesce(array_agg(x.id::text ORDER BY x.month DESC, x.id DESC), '{}')
        FROM (SELECT id, month FROM hits ORDER BY month DESC, id DESC LIMIT $4::int) x) AS ids;
