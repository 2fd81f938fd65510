-- incident's indexes as the catalog has them (the migrations made them: this list is not kept by
-- hand), each with the statement that drops it and the one that builds it again: pg_get_indexdef
-- for a plain index; for one behind a constraint (the (source, source_key) key) the constraint,
-- dropped and added again with pg_get_constraintdef. The move into incident without that key took
-- a quarter of its time with it (10 s and 8 s to build it, against 40 s, for a million rows). The
-- primary key stays (other tables' foreign keys refer to it; ids arrive in order, so it is cheap),
-- and so would an index a foreign key relies on.
SELECT CASE WHEN c.oid IS NULL THEN format('DROP INDEX %s', i.indexrelid::regclass)
            ELSE format('ALTER TABLE incident DROP CONSTRAINT %I', c.conname) END AS "drop",
       CASE WHEN c.oid IS NULL THEN pg_get_indexdef(i.indexrelid)
            ELSE format('ALTER TABLE incident ADD CONSTRAINT %I %s', c.conname, pg_get_constraintdef(c.oid)) END
         AS "create"
FROM pg_index i
LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid
WHERE i.indrelid = 'incident'::regclass
  AND NOT i.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = i.indexrelid)
ORDER BY i.indexrelid;
