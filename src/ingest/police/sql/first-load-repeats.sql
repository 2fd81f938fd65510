-- The rows of a first load whose key an earlier row of the load already had, per file: how many,
-- and how many of them bring an outcome other than the one before (incident's key would have
-- counted those updated, the others unchanged, and kept the first row). Ids follow file order.
-- $1 bigint[] the last id of each file, in load order (a file's index is how many end before it).
WITH seen AS (
  SELECT id, outcome,
         row_number() OVER w AS n,
         lag(outcome) OVER w AS before
  FROM incident_load
  WINDOW w AS (PARTITION BY source, source_key ORDER BY id)
)
SELECT (SELECT count(*) FROM unnest($1::bigint[]) b(last_id) WHERE b.last_id < s.id)::int AS file,
       count(*)::int AS repeats,
       count(*) FILTER (WHERE s.outcome IS DISTINCT FROM s.before)::int AS changed
FROM seen s
WHERE n > 1
GROUP BY 1;
