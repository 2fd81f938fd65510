-- The ward (with its area) and LSOA containing each point, in input order, in one statement.
-- $1 float8[] longitudes, $2 float8[] latitudes (same length, WGS 84). Placement is the
-- database's one rule, place_point (migration PlacementAndCells): GiST probes on the stored
-- outlines, a point on a shared boundary going to the unit with the lowest code.
SELECT t.ord::int - 1 AS idx, pl.ward_code AS "wardCode", pl.area_code AS "areaCode", pl.lsoa_code AS "lsoaCode"
FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS t(lon, lat, ord)
CROSS JOIN LATERAL place_point(ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326)) pl
ORDER BY t.ord;
