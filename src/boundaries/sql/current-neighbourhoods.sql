-- The neighbourhoods of each force's current layer, by code. $1 text force or NULL for all.
SELECT n.id, n.code, n.name, l.force, l.synthetic, l.id AS "layerId"
FROM police_neighbourhood n
JOIN police_neighbourhood_layer l ON l.id = n.layer_id AND l.is_current
WHERE ($1::text IS NULL OR l.force = $1::text)
ORDER BY l.force, n.code;
