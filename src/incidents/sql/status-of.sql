-- The current status of one incident, locked until the transaction ends. $1 bigint id.
SELECT status FROM incident WHERE id = $1::bigint FOR UPDATE;
