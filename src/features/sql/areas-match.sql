-- The areas an items request matches (included where the MATCH slot stands), each the union of its
-- wards in one set. $1 text an area code (an item by id) or NULL; $2 text ward set (NULL:
-- current); $3 text[] codes; $4 float8[] bbox [west, south, east, north]; each NULL when not
-- filtered. Four unions of a score of wards: the bbox is tested on them directly.
(SELECT a.code, a.name, a.description, w.boundary_set_id AS set_id, count(*)::int AS ward_count,
        ST_Multi(ST_Union(w.geom)) AS geom
   FROM area a
   JOIN ward w ON w.area_code = a.code
  WHERE w.boundary_set_id = COALESCE($2::text, current_set('ward'))
    AND ($1::text IS NULL OR a.code = $1::text)
    AND ($3::text[] IS NULL OR a.code = ANY($3::text[]))
  GROUP BY a.code, a.name, a.description, w.boundary_set_id) u
WHERE ($4::float8[] IS NULL OR (
        u.geom && ST_MakeEnvelope($4[1], $4[2], $4[3], $4[4], 4326)
    AND ST_Intersects(u.geom, ST_MakeEnvelope($4[1], $4[2], $4[3], $4[4], 4326))))
