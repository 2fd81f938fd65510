-- The current police neighbourhood containing each point, in input order (one statement).
-- $1 float8[] longitudes; $2 float8[] latitudes. GiST probe on the stored outlines.
WITH p AS (
  SELECT t.ord::int - 1 AS idx, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326) AS g
  FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS t(lon, lat, ord)
)
SELECT p.idx, n.id
FROM p
LEFT JOIN LATERAL (
  SELECT pn.id FROM police_neighbourhood pn
  JOIN police_neighbourhood_layer l ON l.id = pn.layer_id AND l.is_current
  WHERE ST_Intersects(pn.geom, p.g)
  ORDER BY pn.code LIMIT 1
) n ON true
ORDER BY p.idx;
