-- Imports recorded as running, with where they run and how long since they were last heard from.
SELECT id::text AS id, file, host, pid, extract(epoch FROM now() - COALESCE(heartbeat_at, started_at))::float8 AS "silentSeconds"
FROM import_run
WHERE status = 'running';
