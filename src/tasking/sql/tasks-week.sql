-- A board's tasks that can appear in the weekly view of one week: still open, closed since the
-- Monday before the week (open at the end of a day of the week, or done last week), or due in
-- the week; earliest due first. The view's rules (task-rules.ts weekLists) sort them.
-- $1 int board id; $2 date Monday of the week before; $3 date Monday; $4 date Sunday.
SELECT /*TASK_COLUMNS*/
FROM task t JOIN agency a ON a.code = t.agency_code LEFT JOIN board b ON b.id = t.board_id
WHERE t.board_id = $1::int
  AND (t.closed_at IS NULL
       OR t.closed_at >= ($2::date)::timestamp AT TIME ZONE 'UTC'
       OR t.due_on BETWEEN $3::date AND $4::date)
ORDER BY t.due_on, t.id;
