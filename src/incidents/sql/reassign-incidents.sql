-- Re-assigns every incident's wards and areas (current set and the set of its month), LSOA and
-- police neighbourhood after a boundary, layer or grouping change, in one set-based statement: a
-- point is placed by place_point, the rule the importers and the report mutation use; a row
-- without a point keeps its wards and LSOA and takes those wards' areas. Only rows whose assignment changes are written; returns one row per
-- incident changed.
UPDATE incident i
SET ward_code = p.ward_code, area_code = p.area_code, month_ward_code = p.month_ward_code,
    month_area_code = p.month_area_code, lsoa_code = p.lsoa_code,
    police_neighbourhood_id = p.police_neighbourhood_id, updated_at = now()
FROM (
  SELECT x.id,
         CASE WHEN x.geom IS NULL THEN x.ward_code ELSE pl.ward_code END AS ward_code,
         CASE WHEN x.geom IS NULL THEN own.area_code ELSE pl.area_code END AS area_code,
         CASE WHEN x.geom IS NULL THEN x.month_ward_code ELSE pl.month_ward_code END AS month_ward_code,
         CASE WHEN x.geom IS NULL THEN own_then.area_code ELSE pl.month_area_code END AS month_area_code,
         CASE WHEN x.geom IS NULL THEN x.lsoa_code ELSE pl.lsoa_code END AS lsoa_code,
         pl.police_neighbourhood_id
  FROM incident x
  CROSS JOIN LATERAL place_point(x.geom, placement_day(x.month)) pl
  LEFT JOIN ward own ON x.geom IS NULL AND own.code = x.ward_code
  LEFT JOIN ward own_then ON x.geom IS NULL AND own_then.code = x.month_ward_code
) p
WHERE i.id = p.id
  AND (i.ward_code, i.area_code, i.month_ward_code, i.month_area_code, i.lsoa_code, i.police_neighbourhood_id)
      IS DISTINCT FROM (p.ward_code, p.area_code, p.month_ward_code, p.month_area_code, p.lsoa_code, p.police_neighbourhood_id)
RETURNING i.id;
