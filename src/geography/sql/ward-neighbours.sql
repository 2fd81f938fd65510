-- Wards of the same set sharing a boundary line with each given ward (loader batch), by name. Touching at a
-- single point does not count; a sliver overlap between generalised boundaries does.
-- $1 text[] ward codes; the GiST index on ward.geom finds the candidates.
SELECT a.code AS "wardCode", b.code AS "neighbourCode"
FROM ward a
JOIN ward b ON b.code <> a.code AND b.boundary_set_id = a.boundary_set_id AND ST_Intersects(a.geom, b.geom)
WHERE a.code = ANY($1::text[])
  AND ST_Dimension(ST_Intersection(a.geom, b.geom)) >= 1
ORDER BY b.name;
