-- Room to sort a million keys in memory while the first load builds incident's indexes again
-- (the server's default, 64 MB, spills them to disk). LOCAL: back when the transaction ends.
SET LOCAL maintenance_work_mem = '256MB';
