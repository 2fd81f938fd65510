-- The wards of the current set each neighbourhood overlaps, with the share of the
-- neighbourhood's land in each (EPSG:27700), largest first (loader batch); every set's wards
-- cover the city, so one set only. $1 int[] neighbourhood ids.
SELECT n.id, w.code AS "wardCode",
       ST_Area(ST_Intersection(ST_Transform(n.geom, 27700), ST_Transform(w.geom, 27700)))
         / NULLIF(ST_Area(ST_Transform(n.geom, 27700)), 0) AS share
FROM police_neighbourhood n
JOIN ward w ON ST_Intersects(w.geom, n.geom) AND w.boundary_set_id = current_set('ward')
WHERE n.id = ANY($1::int[])
ORDER BY n.id, share DESC;
