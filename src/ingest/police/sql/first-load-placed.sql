-- insert-placed.sql for a first load: writes a placed batch into incident_load (first-load-create)
-- instead of incident, with the same rule (in file order; outside the city not written; a known
-- key gets the newer outcome, an unchanged row is left alone) and the same counts.
WITH written AS (
  INSERT INTO incident_load (source, source_key, category_slug, month, geom, geom_bng, location, reported_lsoa_code,
                             ward_code, area_code, month_ward_code, month_area_code, lsoa_code,
                             police_neighbourhood_id, outcome, reported_by, context)
  SELECT source, source_key, category_slug, month, geom, ST_Transform(geom, 27700), location, reported_lsoa_code,
         ward_code, area_code, month_ward_code, month_area_code, lsoa_code, police_neighbourhood_id, outcome, reported_by, context
  FROM police_placed
  WHERE in_city
  ORDER BY line
  ON CONFLICT (source, source_key) DO UPDATE
  SET outcome = EXCLUDED.outcome, updated_at = now()
  WHERE incident_load.outcome IS DISTINCT FROM EXCLUDED.outcome
  RETURNING (xmax = 0) AS inserted
)
SELECT (SELECT count(*) FROM written WHERE inserted)::int AS inserted,
       (SELECT count(*) FROM written WHERE NOT inserted)::int AS updated,
       (SELECT count(*) FROM police_placed WHERE NOT in_city)::int AS "outsideCity",
       (SELECT count(*) FROM police_placed WHERE geom IS NULL)::int AS "noLocation";
