-- Neighbourhoods by id, current or not (loader batch). $1 int[] ids.
SELECT n.id, n.code, n.name, l.force, l.synthetic, l.id AS "layerId"
FROM police_neighbourhood n
JOIN police_neighbourhood_layer l ON l.id = n.layer_id
WHERE n.id = ANY($1::int[]);
