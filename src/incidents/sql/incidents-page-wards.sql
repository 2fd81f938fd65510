-- One page of incidents filtered by ward ($4 not NULL), the same rows in the same order as
-- incidents-page.sql. Parameters as there. An incident matches by its current ward or the ward of
-- its month; PostgreSQL 15 cannot walk a ward-and-month index newest first for
-- `ward_code = ANY($4) OR month_ward_code = ANY($4)`, so it walked the month index and filtered
-- the whole range (1.5 s for a busy ward's year at 1,000,000 incidents). Here each ward and each
-- of the two columns takes its own newest rows from its ward-and-month index (at most a page
-- each), and the page is the newest of those, once each.
WITH candidate AS (
  SELECT DISTINCT b.id, b.month
  FROM unnest($4::text[]) AS w(code)
  CROSS JOIN LATERAL (
    (SELECT i.id, i.month FROM incident i
     WHERE i.ward_code = w.code AND /*FILTER*/
       AND ($12::date IS NULL OR (i.month, i.id) < ($12::date, $13::bigint))
     ORDER BY i.month DESC, i.id DESC LIMIT $14::int)
    UNION ALL
    (SELECT i.id, i.month FROM incident i
     WHERE i.month_ward_code = w.code AND /*FILTER*/
       AND ($12::date IS NULL OR (i.month, i.id) < ($12::date, $13::bigint))
     ORDER BY i.month DESC, i.id DESC LIMIT $14::int)
  ) b
), page AS (
  SELECT id FROM candidate ORDER BY month DESC, id DESC LIMIT $14::int
)
SELECT /*COLUMNS*/
FROM incident i
JOIN page USING (id)
ORDER BY i.month DESC, i.id DESC;
