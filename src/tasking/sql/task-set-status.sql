-- Moves a task from one status to another and records the change. Closing (DONE, CANCELLED)
-- sets closed_at and keeps the note as the outcome. $1 task id; $2 from; $3 to; $4 note or NULL;
-- $5 boolean closes; $6 changed by.
WITH u AS (
  UPDATE task
  SET status = $3::text,
      outcome = CASE WHEN $5::boolean THEN $4::text ELSE outcome END,
      closed_at = CASE WHEN $5::boolean THEN now() ELSE closed_at END
  WHERE id = $1::bigint AND status = $2::text
  RETURNING id
)
INSERT INTO task_status_change (task_id, from_status, to_status, changed_by, changed_at, note)
SELECT u.id, $2::text, $3::text, $6::text, now(), $4::text FROM u
RETURNING task_id::text AS id;
