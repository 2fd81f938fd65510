-- Police neighbourhoods of each force's current layer meeting tile $1/$2/$3 with its buffer.
-- GiST index on police_neighbourhood.geom.
SELECT ST_Transform(pn.geom, 3857) AS geom, pn.id, pn.code, pn.name, pl.force, pl.synthetic
FROM police_neighbourhood pn
JOIN police_neighbourhood_layer pl ON pl.id = pn.layer_id AND pl.is_current
WHERE pn.geom && ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 0.015625), 4326)
