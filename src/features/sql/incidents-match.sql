-- The incidents an items request matches (included where the MATCH slot stands): the incident filter
-- of the GraphQL incidents query (the FILTER slot, src/incidents/sql/incident-filter.sql, $1..$11, $10
-- exact points) and $12 bigint an incident id (an item by id) or NULL. Without exact points a
-- street-scene report is matched at its published point, as there.
incident i
WHERE /*FILTER*/
  AND ($12::bigint IS NULL OR i.id = $12::bigint)
