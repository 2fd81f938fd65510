-- Moves an incident to a new status. $1 bigint id; $2 text status.
UPDATE incident SET status = $2::text, updated_at = now() WHERE id = $1::bigint;
