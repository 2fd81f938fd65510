-- The tasks (not cancelled) whose footprint shares ground with each place: a task on the next
-- cell, touching only along an edge, is not counted.
-- $1 text[] GeoJSON geometries (WGS 84). Returns each place's position (1-based) and a task id.
-- Each place is parsed, its cells dissolved and its outline drawn in by 1e-6 degrees (about
-- 0.1 m) once (MATERIALIZED): a plain ST_Intersects against that is the index-assisted, cached
-- test, where ST_Touches on every pair cost twice as much again.
WITH p AS MATERIALIZED (
  SELECT k, ST_Buffer(ST_UnaryUnion(ST_SetSRID(ST_GeomFromGeoJSON(g), 4326)), -1e-6) AS g
  FROM unnest($1::text[]) WITH ORDINALITY AS p(g, k)
)
SELECT p.k::int AS k, t.id::text AS id
FROM p
JOIN task t ON ST_Intersects(t.footprint, p.g)
WHERE t.status <> 'cancelled'
ORDER BY p.k, t.id;
