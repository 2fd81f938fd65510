-- Places a batch's staged rows, set-based, into a temporary table dropped at commit. A row
-- with a point is placed by the database's one rule, place_point (ward and area in the current
-- set and in the set in force in its month, LSOA, current police neighbourhood); one outside every
-- ward is outside the city (in_city false). A row without a point takes the best-fit wards (in
-- those two sets) of the LSOA police.uk gave it: only those rows look the LSOA up.
CREATE TEMP TABLE police_placed ON COMMIT DROP AS
WITH staged AS MATERIALIZED (
  SELECT s.*,
         CASE WHEN s.lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) END AS geom
  FROM police_staging s
)
SELECT st.line, st.source, st.source_key, st.category_slug, st.month, st.geom, st.location, st.reported_lsoa_code,
       st.outcome, st.reported_by, st.context,
       pl.ward_code, pl.area_code, pl.month_ward_code, pl.month_area_code, pl.lsoa_code, pl.police_neighbourhood_id,
       pl.ward_code IS NOT NULL AS in_city
FROM staged st
CROSS JOIN LATERAL place_point(st.geom, placement_day(st.month)) pl
WHERE st.geom IS NOT NULL
UNION ALL
SELECT st.line, st.source, st.source_key, st.category_slug, st.month, st.geom, st.location, st.reported_lsoa_code,
       st.outcome, st.reported_by, st.context,
       rw.code, rw.area_code, rmw.code, rmw.area_code, NULL::text, NULL::int,
       true
FROM staged st
LEFT JOIN LATERAL (
  SELECT w.code, w.area_code FROM lsoa_ward_lookup k
  JOIN ward w ON w.code = k.ward_code JOIN boundary_set s ON s.id = w.boundary_set_id
  WHERE k.lsoa_code = st.reported_lsoa_code AND s.valid_to IS NULL
) rw ON true
LEFT JOIN LATERAL (
  SELECT w.code, w.area_code FROM lsoa_ward_lookup k
  JOIN ward w ON w.code = k.ward_code JOIN boundary_set s ON s.id = w.boundary_set_id
  WHERE k.lsoa_code = st.reported_lsoa_code
    AND s.valid_from <= placement_day(st.month) AND (s.valid_to IS NULL OR s.valid_to >= placement_day(st.month))
) rmw ON true
WHERE st.geom IS NULL;
