-- Writes a staged batch into incident in one set-based statement, assigning ward, area, LSOA and
-- the current police neighbourhood
-- from the point (GiST index probes on the stored outlines; only the points are built here).
-- A row without a point takes the best-fit ward of the LSOA police.uk gave it. A point outside
-- every ward is outside the city and is not written. A known key gets the newer outcome; an
-- unchanged row is left alone. Returns the batch's counts.
WITH staged AS MATERIALIZED (
  SELECT s.*,
         CASE WHEN s.lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) END AS geom
  FROM police_staging s
),
located AS MATERIALIZED (
  SELECT st.*,
         COALESCE(w.code, rw.code) AS ward_code,
         COALESCE(w.area_code, rw.area_code) AS area_code,
         l.code AS lsoa_code,
         sn.id AS police_neighbourhood_id,
         (st.geom IS NULL OR w.code IS NOT NULL) AS in_city
  FROM staged st
  LEFT JOIN LATERAL (
    SELECT code, area_code FROM ward WHERE st.geom IS NOT NULL AND ST_Intersects(ward.geom, st.geom) ORDER BY code LIMIT 1
  ) w ON true
  LEFT JOIN LATERAL (
    SELECT code FROM lsoa WHERE st.geom IS NOT NULL AND ST_Intersects(lsoa.geom, st.geom) ORDER BY code LIMIT 1
  ) l ON true
  LEFT JOIN LATERAL (
    SELECT pn.id FROM police_neighbourhood pn
    JOIN police_neighbourhood_layer pl ON pl.id = pn.layer_id AND pl.is_current
    WHERE st.geom IS NOT NULL AND ST_Intersects(pn.geom, st.geom) ORDER BY pn.code LIMIT 1
  ) sn ON true
  LEFT JOIN lsoa rl ON st.geom IS NULL AND rl.code = st.reported_lsoa_code
  LEFT JOIN ward rw ON rw.code = rl.ward_code
),
written AS (
  INSERT INTO incident (source, source_key, category_slug, month, geom, geom_bng, location, reported_lsoa_code,
                        ward_code, area_code, lsoa_code, police_neighbourhood_id, outcome, reported_by, context)
  SELECT source, source_key, category_slug, month, geom, ST_Transform(geom, 27700), location, reported_lsoa_code,
         ward_code, area_code, lsoa_code, police_neighbourhood_id, outcome, reported_by, context
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
