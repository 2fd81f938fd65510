-- insert-placed.sql for a first load: writes a placed batch into incident_load (first-load-create)
-- instead of incident, in file order, outside the city not written. The load table has no key:
-- a key seen again (in a later file, or a Crime ID police.uk wrote with a #n of its own) is
-- written again here and settled once at the end of the load (first-load-repeats,
-- first-load-settle), as incident's key would have settled it row by row. Returns the batch's
-- counts as insert-placed does (every row inserted until then) and its last id.
WITH written AS (
  INSERT INTO incident_load (source, source_key, category_slug, month, geom, geom_bng, location, reported_lsoa_code,
                             ward_code, area_code, month_ward_code, month_area_code, lsoa_code,
                             police_neighbourhood_id, outcome, reported_by, context)
  SELECT source, source_key, category_slug, month, geom, ST_Transform(geom, 27700), location, reported_lsoa_code,
         ward_code, area_code, month_ward_code, month_area_code, lsoa_code, police_neighbourhood_id, outcome, reported_by, context
  FROM police_placed
  WHERE in_city
  ORDER BY line
  RETURNING id
)
SELECT (SELECT count(*) FROM written)::int AS inserted,
       0 AS updated,
       (SELECT count(*) FROM police_placed WHERE NOT in_city)::int AS "outsideCity",
       (SELECT count(*) FROM police_placed WHERE geom IS NULL)::int AS "noLocation",
       (SELECT max(id) FROM written)::text AS "lastId";
