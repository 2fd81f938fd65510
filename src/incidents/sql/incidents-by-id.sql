-- Incidents by id (loader batch and mutations). $1 bigint[] ids; $2 boolean exact points (without,
-- a street-scene report's point is its published one, published_point). Reporter contact is never
-- selected.
SELECT /*COLUMNS*/
FROM incident i
WHERE i.id = ANY($1::bigint[]);
