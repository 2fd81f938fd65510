-- The share of the land of each ward of one set in each current police neighbourhood of a force
-- (EPSG:27700), largest first. $1 text force; $2 text ward set.
SELECT w.code AS "wardCode", n.id AS "policeNeighbourhoodId",
       ST_Area(ST_Intersection(ST_Transform(w.geom, 27700), ST_Transform(n.geom, 27700))) / ST_Area(ST_Transform(w.geom, 27700)) AS share
FROM ward w
JOIN police_neighbourhood n ON ST_Intersects(w.geom, n.geom)
JOIN police_neighbourhood_layer l ON l.id = n.layer_id AND l.is_current AND l.force = $1::text
WHERE w.boundary_set_id = $2::text
ORDER BY w.code, share DESC;
