-- Every pair of wards of one set sharing a boundary line (both directions), for contiguity checks.
SELECT a.code AS "wardCode", b.code AS "neighbourCode"
FROM ward a
JOIN ward b ON b.code <> a.code AND b.boundary_set_id = a.boundary_set_id AND ST_Intersects(a.geom, b.geom)
WHERE ST_Dimension(ST_Intersection(a.geom, b.geom)) >= 1;
