-- Waits for, then holds until the transaction ends, a share of the right to write incidents in
-- bulk: import batches share it, a re-placement of every incident (placement-lock.sql) holds it
-- alone. Taken first in a batch's transaction, before any row is locked.
-- $1 bigint the lock's key (PLACEMENT_LOCK in incidents.service.ts).
SELECT pg_advisory_xact_lock_shared($1::bigint);
