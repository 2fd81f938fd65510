-- Holds the exclusive lock taken in the savepoint (first-load-exclusive) and lifts the request's
-- time limit again for the statements that follow.
RELEASE SAVEPOINT first_load_exclusive;
