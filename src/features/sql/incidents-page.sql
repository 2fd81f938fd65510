-- One page of incidents as features, newest month first, then by id (the GraphQL order).
-- $1..$12 as in incidents-match.sql; $13 int features; $14 int features to skip. the COLUMNS slot is
-- src/incidents/sql/incident-columns.sql: a street-scene report at its published point unless
-- the caller sees exact points; reporter contact is never selected.
SELECT /*COLUMNS*/,
       (SELECT n.code FROM police_neighbourhood n WHERE n.id = i.police_neighbourhood_id) AS "policeNeighbourhoodCode"
FROM /*MATCH*/
ORDER BY i.month DESC, i.id DESC
LIMIT $13::int OFFSET $14::int;
