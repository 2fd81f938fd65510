-- How long a first load's request for incident's exclusive lock may queue (first-load-exclusive).
-- A queued ACCESS EXCLUSIVE request holds up every reader that comes after it, so it waits at most
-- a second for an older transaction (a long report, or one waiting on the load itself through
-- another connection, which PostgreSQL cannot see as a deadlock), then steps back and tries again.
-- LOCAL, and inside the savepoint: it lasts until first-load-locked or the rollback to it.
SET LOCAL lock_timeout = '1s';
