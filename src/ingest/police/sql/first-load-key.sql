-- incident's key on the load table, so that a row seen again in a later file of the same load
-- updates its outcome as it would in incident (first-load-placed.sql's ON CONFLICT).
CREATE UNIQUE INDEX ON incident_load (source, source_key);
