-- The ward (with its area) and LSOA containing each point, in input order, in one statement.
-- $1 float8[] longitudes, $2 float8[] latitudes (same length, WGS 84). A point on a shared
-- boundary goes to the unit with the lowest code, so answers are stable. Each lateral join is
-- a GiST index probe on the stored column; only the points are built here.
WITH p AS (
  SELECT t.ord::int - 1 AS idx, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326) AS g
  FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS t(lon, lat, ord)
)
SELECT p.idx, w.code AS "wardCode", w.area_code AS "areaCode", l.code AS "lsoaCode"
FROM p
LEFT JOIN LATERAL (
  SELECT code, area_code FROM ward WHERE ST_Intersects(ward.geom, p.g) ORDER BY code LIMIT 1
) w ON true
LEFT JOIN LATERAL (
  SELECT code FROM lsoa WHERE ST_Intersects(lsoa.geom, p.g) ORDER BY code LIMIT 1
) l ON true
ORDER BY p.idx;
