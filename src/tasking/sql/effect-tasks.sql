-- Tasks by id, with the latest month the hub holds incidents for (whether the months after a
-- task have passed). $1 bigint[] ids.
SELECT /*TASK_COLUMNS*/,
       (SELECT to_char(max(month), 'YYYY-MM') FROM incident) AS "latestMonth"
FROM task t
WHERE t.id = ANY($1::bigint[]);
