-- Tasks by id, in no particular order. $1 bigint[] ids.
SELECT /*TASK_COLUMNS*/
FROM task t JOIN agency a ON a.code = t.agency_code LEFT JOIN board b ON b.id = t.board_id
WHERE t.id = ANY($1::bigint[]);
