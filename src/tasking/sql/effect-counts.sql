-- Incidents of each task's categories (all when it names none) inside its footprint and in the
-- rest of the city (every other incident of those months), over its months before and after.
-- $1 bigint[] task ids; $2 date[] first month before; $3 date[] last month before; $4 date[]
-- first month after; $5 date[] last month after (one element per task, months as first days).
-- The rest of the city is counted from city-wide monthly totals per category (month by month
-- on the month index: a seq scan of every incident otherwise) less the inside count, not by a
-- second spatial test per incident; incidents without a point count there too (police.uk
-- withholds few), which keeps the totals to the index and the month's rows.
WITH w AS MATERIALIZED (
  SELECT t.id, t.footprint, t.categories, w.bf, w.bt, w.af, w.at
  FROM unnest($1::bigint[], $2::date[], $3::date[], $4::date[], $5::date[]) AS w(id, bf, bt, af, at)
  JOIN task t ON t.id = w.id
),
inside AS (
  SELECT w.id,
         count(*) FILTER (WHERE i.month BETWEEN w.bf AND w.bt)::int AS before,
         count(*) FILTER (WHERE i.month BETWEEN w.af AND w.at)::int AS after
  FROM w
  JOIN incident i ON ST_Intersects(w.footprint, i.geom)
  WHERE (i.month BETWEEN w.bf AND w.bt OR i.month BETWEEN w.af AND w.at)
    AND (cardinality(w.categories) = 0 OR i.category_slug = ANY(w.categories))
  GROUP BY w.id
),
wanted AS (
  SELECT DISTINCT m::date AS month
  FROM w, LATERAL (SELECT generate_series(w.bf, w.bt, interval '1 month') UNION ALL
                   SELECT generate_series(w.af, w.at, interval '1 month')) s(m)
),
monthly AS MATERIALIZED (
  SELECT wanted.month, c.category_slug, c.n
  FROM wanted
  CROSS JOIN LATERAL (
    SELECT i.category_slug, count(*)::int AS n FROM incident i WHERE i.month = wanted.month GROUP BY i.category_slug
  ) c
),
total AS (
  SELECT w.id,
         COALESCE(sum(m.n) FILTER (WHERE m.month BETWEEN w.bf AND w.bt), 0)::int AS before,
         COALESCE(sum(m.n) FILTER (WHERE m.month BETWEEN w.af AND w.at), 0)::int AS after
  FROM w
  JOIN monthly m ON (m.month BETWEEN w.bf AND w.bt OR m.month BETWEEN w.af AND w.at)
    AND (cardinality(w.categories) = 0 OR m.category_slug = ANY(w.categories))
  GROUP BY w.id
)
SELECT w.id::text AS id,
       COALESCE(inside.before, 0) AS "insideBefore",
       COALESCE(inside.after, 0) AS "insideAfter",
       COALESCE(total.before, 0) - COALESCE(inside.before, 0) AS "outsideBefore",
       COALESCE(total.after, 0) - COALESCE(inside.after, 0) AS "outsideAfter"
FROM w
LEFT JOIN inside ON inside.id = w.id
LEFT JOIN total ON total.id = w.id;
