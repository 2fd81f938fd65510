-- Settles a first load's repeated keys (first-load-repeats) as incident's key would have: the
-- first row of a key stays, with the outcome of its last row and, when a later row changed the
-- outcome, a new updated_at; the later rows go. Disjoint rows: the update and the delete share
-- one snapshot.
WITH seen AS (
  SELECT id, source, source_key, outcome,
         row_number() OVER w AS n,
         lag(outcome) OVER w AS before
  FROM incident_load
  WINDOW w AS (PARTITION BY source, source_key ORDER BY id)
),
repeated AS (
  SELECT source, source_key, min(id) AS first_id, (array_agg(outcome ORDER BY id DESC))[1] AS last_outcome,
         bool_or(n > 1 AND outcome IS DISTINCT FROM before) AS changed
  FROM seen
  GROUP BY source, source_key
  HAVING count(*) > 1
),
settled AS (
  UPDATE incident_load l
  SET outcome = r.last_outcome, updated_at = now()
  FROM repeated r
  WHERE l.id = r.first_id AND r.changed
)
DELETE FROM incident_load l
USING repeated r
WHERE l.source = r.source AND l.source_key = r.source_key AND l.id <> r.first_id;
