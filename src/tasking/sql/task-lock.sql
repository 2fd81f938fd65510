-- A task's status, locked until the transaction ends so that two changes cannot both start
-- from it. $1 task id.
SELECT status FROM task WHERE id = $1::bigint FOR UPDATE;
