-- Records that an import of a file has started, and where it runs. $1 text source; $2 text file;
-- $3 text host; $4 int process id. Returns its id.
INSERT INTO import_run (source, file, status, host, pid, heartbeat_at)
VALUES ($1::text, $2::text, 'running', $3::text, $4::int, now())
RETURNING id::text AS id;
