-- Records an import's outcome. $1 id, $2 status, $3..$9 counts.
UPDATE import_run
SET status = $2, finished_at = now(), rows_read = $3, inserted = $4, updated = $5, unchanged = $6,
    rejected = $7, outside_city = $8, no_location = $9
WHERE id = $1;
