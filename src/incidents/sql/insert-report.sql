-- Writes one street-scene report, placed in its ward and area (current set and the set of its
-- month), LSOA and police neighbourhood by place_point; nothing is written when the point is in no ward. $1 text source key; $2 text
-- category; $3 float8 lon; $4 float8 lat; $5 text description; $6 timestamptz reported at; $7 text
-- reporter contact; $8 text source; $9 text recorded by (the authenticated caller). Returns the
-- new id, or no row.
WITH p AS (SELECT ST_SetSRID(ST_MakePoint($3::float8, $4::float8), 4326) AS g)
INSERT INTO incident (source, source_key, category_slug, month, occurred_at, geom, geom_bng, ward_code, area_code,
                      month_ward_code, month_area_code, lsoa_code, police_neighbourhood_id, status, description,
                      reporter_contact, recorded_by)
SELECT $8::text, $1::text, $2::text, date_trunc('month', $6::timestamptz AT TIME ZONE 'UTC')::date, $6::timestamptz,
       p.g, ST_Transform(p.g, 27700), pl.ward_code, pl.area_code, pl.month_ward_code, pl.month_area_code, pl.lsoa_code, pl.police_neighbourhood_id, 'open',
       $5::text, $7::text, $9::text
FROM p
CROSS JOIN LATERAL place_point(p.g, placement_day(($6::timestamptz AT TIME ZONE 'UTC')::date)) pl
WHERE pl.ward_code IS NOT NULL
ON CONFLICT (source, source_key) DO NOTHING
RETURNING id::text AS id;
