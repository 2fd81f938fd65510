-- The LSOAs of the current LSOA set an items request matches (included where the MATCH slot stands),
-- each with its best-fit ward in the current ward set (the ONS lookup). $1 text an LSOA code (an
-- item by id) or NULL; $2 text[] codes; $3 text[] ward codes; $4 float8[] bbox [west, south, east,
-- north]; each NULL when not filtered. lsoas_of_set is inlined, so the bbox reaches the GiST index
-- on lsoa.geom.
lsoas_of_set(current_set('lsoa')) l
LEFT JOIN LATERAL (
  SELECT k.ward_code
  FROM lsoa_ward_lookup k
  JOIN ward w ON w.code = k.ward_code AND w.boundary_set_id = current_set('ward')
  WHERE k.lsoa_code = l.code
  ORDER BY k.ward_code
  LIMIT 1
) bw ON true
WHERE ($1::text IS NULL OR l.code = $1::text)
  AND ($2::text[] IS NULL OR l.code = ANY($2::text[]))
  AND ($3::text[] IS NULL OR bw.ward_code = ANY($3::text[]))
  AND ($4::float8[] IS NULL OR (
        l.geom && ST_MakeEnvelope($4[1], $4[2], $4[3], $4[4], 4326)
    AND ST_Intersects(l.geom, ST_MakeEnvelope($4[1], $4[2], $4[3], $4[4], 4326))))
