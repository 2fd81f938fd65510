-- Waits for, then holds until the transaction ends, the right to re-place every incident
-- (reassign-incidents.sql): alone, while no import batch is writing (see placement-share.sql).
-- Taken first in such a transaction, before anything is written (IncidentsService.holdPlacement).
-- $1 bigint the lock's key (PLACEMENT_LOCK in incidents.service.ts).
SELECT pg_advisory_xact_lock($1::bigint);
