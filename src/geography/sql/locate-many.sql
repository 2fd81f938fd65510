-- The ward (with its area) and LSOA containing each point on a day, in input order, in one
-- statement: the ward of the set in force that day. $1 float8[] longitudes, $2 float8[]
-- latitudes (same length, WGS 84); $3 date. Placement is the
-- database's one rule, place_point (migration PlacementAndCells): GiST probes on the stored
-- outlines, a point on a shared boundary going to the unit with the lowest code.
SELECT t.ord::int - 1 AS idx, pl.month_ward_code AS "wardCode", pl.month_area_code AS "areaCode", pl.lsoa_code AS "lsoaCode"
FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS t(lon, lat, ord)
CROSS JOIN LATERAL place_point(ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326), $3::date) pl
ORDER BY t.ord;
