-- Re-assigns every incident's ward, area and LSOA after a boundary or grouping change, in one
-- set-based statement: a point goes to the ward and LSOA containing it (GiST index probes); a
-- row without a point keeps its ward and takes that ward's area. Only rows whose assignment
-- changes are written; returns one row per incident changed.
UPDATE incident i
SET ward_code = p.ward_code, area_code = p.area_code, lsoa_code = p.lsoa_code, updated_at = now()
FROM (
  SELECT x.id,
         CASE WHEN x.geom IS NULL THEN x.ward_code ELSE w.code END AS ward_code,
         CASE WHEN x.geom IS NULL THEN own.area_code ELSE w.area_code END AS area_code,
         CASE WHEN x.geom IS NULL THEN x.lsoa_code ELSE l.code END AS lsoa_code
  FROM incident x
  LEFT JOIN LATERAL (
    SELECT code, area_code FROM ward WHERE x.geom IS NOT NULL AND ST_Intersects(ward.geom, x.geom) ORDER BY code LIMIT 1
  ) w ON true
  LEFT JOIN LATERAL (
    SELECT code FROM lsoa WHERE x.geom IS NOT NULL AND ST_Intersects(lsoa.geom, x.geom) ORDER BY code LIMIT 1
  ) l ON true
  LEFT JOIN ward own ON x.geom IS NULL AND own.code = x.ward_code
) p
WHERE i.id = p.id
  AND (i.ward_code, i.area_code, i.lsoa_code) IS DISTINCT FROM (p.ward_code, p.area_code, p.lsoa_code)
RETURNING i.id;
