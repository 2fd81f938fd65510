-- Closes imports that died without saying so. $1 bigint[] ids. Returns the runs closed.
UPDATE import_run SET status = 'interrupted', finished_at = now()
WHERE id = ANY($1::bigint[]) AND status = 'running'
RETURNING id::text AS id, file;
