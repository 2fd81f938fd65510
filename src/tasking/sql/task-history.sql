-- The status changes of tasks, oldest first. $1 bigint[] task ids.
SELECT task_id::text AS "taskId", from_status AS "from", to_status AS "to", changed_by AS "changedBy",
       changed_at AS "changedAt", note
FROM task_status_change
WHERE task_id = ANY($1::bigint[])
ORDER BY task_id, changed_at, id;
