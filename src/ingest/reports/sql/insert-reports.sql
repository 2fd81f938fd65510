-- Writes a batch of street-scene reports in one set-based statement: each point is placed in its
-- ward and area (current set and the set of its month), LSOA and police neighbourhood by place_point; a point in no ward is outside the city and is not
-- written; a key already present is left alone. Every new report starts open, with that first
-- step recorded. $1 text[] keys; $2 text[] categories; $3 float8[] lons; $4 float8[] lats;
-- $5 text[] descriptions; $6 timestamptz[] reported at; $7 text[] contacts; $8 text[] sources.
WITH r AS (
  SELECT t.*, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326) AS g
  FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[], $5::text[], $6::timestamptz[], $7::text[], $8::text[])
       AS t(key, category, lon, lat, description, reported_at, contact, source)
),
located AS MATERIALIZED (
  SELECT r.*, pl.ward_code, pl.area_code, pl.month_ward_code, pl.month_area_code, pl.lsoa_code, pl.police_neighbourhood_id
  FROM r
  CROSS JOIN LATERAL place_point(r.g, placement_day((r.reported_at AT TIME ZONE 'UTC')::date)) pl
),
written AS (
  INSERT INTO incident (source, source_key, category_slug, month, occurred_at, geom, geom_bng, ward_code, area_code,
                        month_ward_code, month_area_code, lsoa_code, police_neighbourhood_id, status, description,
                        reporter_contact)
  SELECT source, key, category, date_trunc('month', reported_at AT TIME ZONE 'UTC')::date, reported_at, g,
         ST_Transform(g, 27700), ward_code, area_code, month_ward_code, month_area_code, lsoa_code, police_neighbourhood_id, 'open', description, contact
  FROM located
  WHERE ward_code IS NOT NULL
  ON CONFLICT (source, source_key) DO NOTHING
  RETURNING id, occurred_at
),
history AS (
  INSERT INTO incident_status_change (incident_id, from_status, to_status, changed_at)
  SELECT id, NULL, 'open', occurred_at FROM written
  RETURNING 1
)
SELECT (SELECT count(*) FROM written)::int AS inserted,
       (SELECT count(*) FROM history)::int AS opened,
       (SELECT count(*) FROM located WHERE ward_code IS NULL)::int AS "outsideCity";
