-- The outline of one unit u (columns level and unit_code): a ward or an area (its wards) of the
-- ward set $1, or a current police neighbourhood by id. Spliced into place-unit.sql and
-- place-board.sql as a LATERAL subquery, so the rule for what a unit covers is written once.
SELECT w.geom AS g, w.name
FROM ward w
WHERE u.level = 'ward' AND w.code = u.unit_code AND w.boundary_set_id = $1::text
UNION ALL
SELECT ST_Union(w.geom), min(a.name)
FROM area a JOIN ward w ON w.area_code = a.code AND w.boundary_set_id = $1::text
WHERE u.level = 'area' AND a.code = u.unit_code
HAVING count(*) > 0
UNION ALL
SELECT n.geom, n.name
FROM police_neighbourhood n JOIN police_neighbourhood_layer l ON l.id = n.layer_id AND l.is_current
WHERE u.level = 'policeNeighbourhood' AND n.id::text = u.unit_code
