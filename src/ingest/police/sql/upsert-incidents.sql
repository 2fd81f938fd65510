-- Writes a staged batch into incident in one set-based statement, placing each point in its ward
-- and area (in the current set and in the set in force in its month), LSOA and current police
-- neighbourhood by the database's one rule, place_point. A row without a point takes the
-- best-fit wards (in those two sets) of the LSOA police.uk gave it. A point outside
-- every ward is outside the city and is not written. A known key gets the newer outcome; an
-- unchanged row is left alone. Returns the batch's counts.
WITH staged AS MATERIALIZED (
  SELECT s.*,
         CASE WHEN s.lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) END AS geom
  FROM police_staging s
),
located AS MATERIALIZED (
  SELECT st.*,
         COALESCE(pl.ward_code, rw.code) AS ward_code,
         COALESCE(pl.area_code, rw.area_code) AS area_code,
         COALESCE(pl.month_ward_code, rmw.code) AS month_ward_code,
         COALESCE(pl.month_area_code, rmw.area_code) AS month_area_code,
         pl.lsoa_code,
         pl.police_neighbourhood_id,
         (st.geom IS NULL OR pl.ward_code IS NOT NULL) AS in_city
  FROM staged st
  CROSS JOIN LATERAL place_point(st.geom, placement_day(st.month)) pl
  LEFT JOIN LATERAL (
    SELECT w.code, w.area_code FROM lsoa_ward_lookup k
    JOIN ward w ON w.code = k.ward_code JOIN boundary_set s ON s.id = w.boundary_set_id
    WHERE st.geom IS NULL AND k.lsoa_code = st.reported_lsoa_code AND s.valid_to IS NULL
  ) rw ON true
  LEFT JOIN LATERAL (
    SELECT w.code, w.area_code FROM lsoa_ward_lookup k
    JOIN ward w ON w.code = k.ward_code JOIN boundary_set s ON s.id = w.boundary_set_id
    WHERE st.geom IS NULL AND k.lsoa_code = st.reported_lsoa_code
      AND s.valid_from <= placement_day(st.month) AND (s.valid_to IS NULL OR s.valid_to >= placement_day(st.month))
  ) rmw ON true
),
written AS (
  INSERT INTO incident (source, source_key, category_slug, month, geom, geom_bng, location, reported_lsoa_code,
                        ward_code, area_code, month_ward_code, month_area_code, lsoa_code, police_neighbourhood_id,
                        outcome, reported_by, context)
  SELECT source, source_key, category_slug, month, geom, ST_Transform(geom, 27700), location, reported_lsoa_code,
         ward_code, area_code, month_ward_code, month_area_code, lsoa_code, police_neighbourhood_id, outcome, reported_by, context
  FROM located
  WHERE in_city
  ON CONFLICT (source, source_key) DO UPDATE
  SET outcome = EXCLUDED.outcome, updated_at = now()
  WHERE incident.outcome IS DISTINCT FROM EXCLUDED.outcome
  RETURNING (xmax = 0) AS inserted
)
SELECT (SELECT count(*) FROM written WHERE inserted)::int AS inserted,
       (SELECT count(*) FROM written WHERE NOT inserted)::int AS updated,
       (SELECT count(*) FROM located WHERE NOT in_city)::int AS "outsideCity",
       (SELECT count(*) FROM located WHERE geom IS NULL)::int AS "noLocation";
