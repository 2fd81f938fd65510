-- The wards an items request matches (included where the MATCH slot stands). $1 text a ward code (an
-- item by id: the ward of that code, whatever its set) or NULL; $2 text ward set (NULL: the
-- current set; not read with an id); $3 text[] codes; $4 text[] area codes; $5 float8[] bbox
-- [west, south, east, north]; each NULL when not filtered. The bbox envelope is built once and
-- matched against the GiST-indexed geom (&&, never a transformed column), then exactly.
ward w
JOIN area a ON a.code = w.area_code
JOIN boundary_set s ON s.id = w.boundary_set_id
WHERE ($1::text IS NULL AND w.boundary_set_id = COALESCE($2::text, current_set('ward')) OR w.code = $1::text)
  AND ($3::text[] IS NULL OR w.code = ANY($3::text[]))
  AND ($4::text[] IS NULL OR w.area_code = ANY($4::text[]))
  AND ($5::float8[] IS NULL OR (
        w.geom && ST_MakeEnvelope($5[1], $5[2], $5[3], $5[4], 4326)
    AND ST_Intersects(w.geom, ST_MakeEnvelope($5[1], $5[2], $5[3], $5[4], 4326))))
