-- Re-assigns every incident's ward, area, LSOA and police neighbourhood after a boundary, layer
-- or grouping change, in one set-based statement: a point goes to the ward, LSOA and current
-- neighbourhood containing it (GiST index probes); a row without a point keeps its ward and
-- takes that ward's area. Only rows whose assignment changes are written; returns one row per
-- incident changed.
UPDATE incident i
SET ward_code = p.ward_code, area_code = p.area_code, lsoa_code = p.lsoa_code,
    police_neighbourhood_id = p.police_neighbourhood_id, updated_at = now()
FROM (
  SELECT x.id,
         CASE WHEN x.geom IS NULL THEN x.ward_code ELSE w.code END AS ward_code,
         CASE WHEN x.geom IS NULL THEN own.area_code ELSE w.area_code END AS area_code,
         CASE WHEN x.geom IS NULL THEN x.lsoa_code ELSE l.code END AS lsoa_code,
         sn.id AS police_neighbourhood_id
  FROM incident x
  LEFT JOIN LATERAL (
    SELECT code, area_code FROM ward WHERE x.geom IS NOT NULL AND ST_Intersects(ward.geom, x.geom) ORDER BY code LIMIT 1
  ) w ON true
  LEFT JOIN LATERAL (
    SELECT code FROM lsoa WHERE x.geom IS NOT NULL AND ST_Intersects(lsoa.geom, x.geom) ORDER BY code LIMIT 1
  ) l ON true
  LEFT JOIN LATERAL (
    SELECT pn.id FROM police_neighbourhood pn
    JOIN police_neighbourhood_layer pl ON pl.id = pn.layer_id AND pl.is_current
    WHERE x.geom IS NOT NULL AND ST_Intersects(pn.geom, x.geom) ORDER BY pn.code LIMIT 1
  ) sn ON true
  LEFT JOIN ward own ON x.geom IS NULL AND own.code = x.ward_code
) p
WHERE i.id = p.id
  AND (i.ward_code, i.area_code, i.lsoa_code, i.police_neighbourhood_id)
      IS DISTINCT FROM (p.ward_code, p.area_code, p.lsoa_code, p.police_neighbourhood_id)
RETURNING i.id;
