-- Writes a placed batch (place-staged.sql) into incident in one statement, in file order. A point
-- outside every ward is outside the city and is not written. A known key gets the newer outcome;
-- an unchanged row is left alone. On the bulk path it runs with incident's triggers off
-- (bulk-triggers-off), and the rows it inserted are kept in police_written (create-written.sql)
-- for that path's reference check and counts; on the batched path every trigger fires. An updated
-- row changes only its outcome, which neither a foreign key nor a count reads. Returns the
-- batch's counts.
WITH written AS (
  INSERT INTO incident (source, source_key, category_slug, month, geom, geom_bng, location, reported_lsoa_code,
                        ward_code, area_code, month_ward_code, month_area_code, lsoa_code, police_neighbourhood_id,
                        outcome, reported_by, context)
  SELECT source, source_key, category_slug, month, geom, ST_Transform(geom, 27700), location, reported_lsoa_code,
         ward_code, area_code, month_ward_code, month_area_code, lsoa_code, police_neighbourhood_id, outcome, reported_by, context
  FROM police_placed
  WHERE in_city
  ORDER BY line
  ON CONFLICT (source, source_key) DO UPDATE
  SET outcome = EXCLUDED.outcome, updated_at = now()
  WHERE incident.outcome IS DISTINCT FROM EXCLUDED.outcome
  RETURNING (xmax = 0) AS inserted, month, category_slug, source, geom_bng, ward_code, area_code, month_ward_code,
            month_area_code, lsoa_code, police_neighbourhood_id
),
kept AS (
  INSERT INTO police_written
  SELECT month, category_slug, source, geom_bng, ward_code, area_code, month_ward_code, month_area_code, lsoa_code,
         police_neighbourhood_id
  FROM written
  WHERE inserted
)
SELECT (SELECT count(*) FROM written WHERE inserted)::int AS inserted,
       (SELECT count(*) FROM written WHERE NOT inserted)::int AS updated,
       (SELECT count(*) FROM police_placed WHERE NOT in_city)::int AS "outsideCity",
       (SELECT count(*) FROM police_placed WHERE geom IS NULL)::int AS "noLocation";
