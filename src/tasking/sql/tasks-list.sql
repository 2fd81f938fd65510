-- A page of tasks, newest first. $1 board id or NULL; $2 agency code or NULL; $3 status or NULL;
-- $4 overdue (true: open and due before $5; false: not that) or NULL; $5 date today (UTC);
-- $6 bigint id of the last task of the previous page or NULL; $7 int rows to fetch.
SELECT /*TASK_COLUMNS*/
FROM task t JOIN agency a ON a.code = t.agency_code LEFT JOIN board b ON b.id = t.board_id
WHERE ($1::int IS NULL OR t.board_id = $1::int)
  AND ($2::text IS NULL OR t.agency_code = $2::text)
  AND ($3::text IS NULL OR t.status = $3::text)
  AND ($4::boolean IS NULL OR $4::boolean = (t.status IN ('open', 'in_progress') AND t.due_on < $5::date))
  AND ($6::bigint IS NULL OR t.id < $6::bigint)
ORDER BY t.id DESC
LIMIT $7::int;
