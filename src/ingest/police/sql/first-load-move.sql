-- Moves the first load's rows into incident, in id order (file order), while incident has only its
-- primary key (first-load-indexes). Runs with triggers off (bulk-triggers-off): the load checks
-- its references and adds its counts and data version itself. A row another writer put in
-- incident under one of the load's keys makes the key's constraint fail when it is added again,
-- and the whole load with it.
INSERT INTO incident SELECT * FROM incident_load ORDER BY id;
