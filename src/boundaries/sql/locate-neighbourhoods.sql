-- The current police neighbourhood containing each point, in input order (one statement).
-- $1 float8[] longitudes; $2 float8[] latitudes. Placement is place_point, as for wards.
SELECT t.ord::int - 1 AS idx, pl.police_neighbourhood_id AS id
FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS t(lon, lat, ord)
CROSS JOIN LATERAL place_point(ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326), CURRENT_DATE) pl
ORDER BY t.ord;
