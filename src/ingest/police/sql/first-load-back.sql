-- Withdraws a first load's timed-out request for incident's exclusive lock (first-load-savepoint).
ROLLBACK TO SAVEPOINT first_load_exclusive;
