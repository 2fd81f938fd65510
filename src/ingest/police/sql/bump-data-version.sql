-- What the data_version_incident trigger does for a statement that writes incident (migration
-- DataVersion), for a bulk chunk's insert, which runs with triggers off. Before the counts, as
-- that trigger fires before the count triggers: concurrent incident writers queue on this row
-- first, so they never deadlock on the counts.
UPDATE data_version SET version = version + 1, changed_at = now();
