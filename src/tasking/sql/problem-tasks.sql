-- The tasks (not cancelled) whose footprint shares ground with each place: interiors meeting,
-- so a task on the next cell, touching only along an edge, is not counted.
-- $1 text[] GeoJSON geometries (WGS 84). Returns each place's position (1-based) and a task id.
WITH p AS (
  SELECT k, ST_SetSRID(ST_GeomFromGeoJSON(g), 4326) AS g
  FROM unnest($1::text[]) WITH ORDINALITY AS p(g, k)
)
SELECT p.k::int AS k, t.id::text AS id
FROM p
JOIN task t ON t.footprint && p.g AND ST_Relate(t.footprint, p.g, 'T********')
WHERE t.status <> 'cancelled'
ORDER BY p.k, t.id;
