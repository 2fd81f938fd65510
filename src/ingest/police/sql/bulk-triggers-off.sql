-- Turns incident's triggers off for the chunk's insert only: the seven foreign-key checks fired
-- once per row, and the statement-level data-version and count triggers, which the chunk then
-- does itself once (bulk-check-references, bump-data-version, bulk-cell-counts,
-- bulk-month-counts). LOCAL: back to normal when the transaction ends, whatever happens.
SET LOCAL session_replication_role = replica;
