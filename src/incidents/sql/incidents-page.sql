-- One page of incidents, newest month first, then by id, after a (month, id) cursor.
-- $1..$11 the filter (incident-filter.sql, $10 exact points); $12 date cursor month and $13 bigint
-- cursor id, or NULL for the first page; $14 int rows to fetch. Without exact points a street-scene
-- report's point is its published one (published_point). Reporter contact is never selected.
SELECT /*COLUMNS*/
FROM incident i
WHERE /*FILTER*/
  AND ($12::date IS NULL OR (i.month, i.id) < ($12::date, $13::bigint))
ORDER BY i.month DESC, i.id DESC
LIMIT $14::int;
