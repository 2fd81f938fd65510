-- The first load's rows, gathered batch by batch in a temporary table without incident's
-- indexes (not WAL-logged, dropped at commit): incident's own columns, defaults and order, so the
-- ids are drawn from incident's sequence in file order, as the batched path draws them.
CREATE TEMP TABLE incident_load (LIKE incident INCLUDING DEFAULTS) ON COMMIT DROP;
