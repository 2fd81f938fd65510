-- Where a first load comes back to when incident's exclusive lock was not free in time
-- (first-load-exclusive), so the failed attempt does not abort the load's transaction.
SAVEPOINT first_load_exclusive;
