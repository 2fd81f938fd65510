-- The neighbourhoods of each force's current layer an items request matches (included where
-- the MATCH slot stands). $1 text an id "force:code" (an item by id) or NULL; $2 text[] codes; $3
-- text[] forces; $4 float8[] bbox [west, south, east, north]; each NULL when not filtered. The
-- bbox is matched against the GiST-indexed geom, then exactly.
police_neighbourhood n
JOIN police_neighbourhood_layer y ON y.id = n.layer_id AND y.is_current
WHERE ($1::text IS NULL OR y.force || ':' || n.code = $1::text)
  AND ($2::text[] IS NULL OR n.code = ANY($2::text[]))
  AND ($3::text[] IS NULL OR y.force = ANY($3::text[]))
  AND ($4::float8[] IS NULL OR (
        n.geom && ST_MakeEnvelope($4[1], $4[2], $4[3], $4[4], 4326)
    AND ST_Intersects(n.geom, ST_MakeEnvelope($4[1], $4[2], $4[3], $4[4], 4326))))
