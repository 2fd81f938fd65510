-- Turns triggers back on after the chunk's insert (see bulk-triggers-off).
SET LOCAL session_replication_role = origin;
