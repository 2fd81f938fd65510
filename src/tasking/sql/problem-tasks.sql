-- The tasks (not cancelled) whose footprint shares ground with each place: a task on the next
-- cell, touching only along an edge, is not counted.
-- $1 text[] GeoJSON geometries (WGS 84). Returns each place's position (1-based) and a task id.
-- The places are parsed and their cells dissolved once (MATERIALIZED), not once per task: a
-- MultiPolygon of cells sharing edges is not valid, and testing against it was far slower.
WITH p AS MATERIALIZED (
  SELECT k, ST_UnaryUnion(ST_SetSRID(ST_GeomFromGeoJSON(g), 4326)) AS g
  FROM unnest($1::text[]) WITH ORDINALITY AS p(g, k)
)
SELECT p.k::int AS k, t.id::text AS id
FROM p
JOIN task t ON ST_Intersects(t.footprint, p.g) AND NOT ST_Touches(t.footprint, p.g)
WHERE t.status <> 'cancelled'
ORDER BY p.k, t.id;
