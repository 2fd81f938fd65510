-- The plans of boards, latest year first. $1 int[] board ids.
SELECT /*PLAN_COLUMNS*/ FROM neighbourhood_plan p WHERE p.board_id = ANY($1::int[])
ORDER BY p.board_id, p.year DESC;
