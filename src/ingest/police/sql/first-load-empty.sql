-- Whether incident holds no row yet (a new hub, or a first force-wide backfill): the import then
-- takes the first-load path (importPoliceFiles), which builds incident's secondary indexes and
-- adds the kept counts once at the end instead of maintaining them batch by batch.
SELECT NOT EXISTS (SELECT 1 FROM incident) AS "empty";
