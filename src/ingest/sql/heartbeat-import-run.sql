-- Notes that a running import is alive (after each batch). $1 bigint id.
UPDATE import_run SET heartbeat_at = now() WHERE id = $1::bigint AND status = 'running';
