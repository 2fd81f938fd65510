-- The incident filter shared by the page and count statements (included where /*FILTER*/ stands).
-- $1 text[] categories, $2 date first month, $3 date last month, $4 text[] ward codes (of any
-- set: an incident matches by its current ward or the ward of its month), $5 text[] area codes
-- (its area in the current set), $6 float8[] bbox [west, south, east, north], $7 text GeoJSON polygon,
-- $8 text[] sources, $9 text[] statuses, $11 int[] police neighbourhood ids; each NULL when not
-- filtered; $10 boolean exact points.
-- The bbox and polygon are built once and matched against the GiST-indexed point column; without
-- exact points, a street-scene report is tested at its published point (published_point), so a
-- small box or polygon cannot find where a resident stood. The index is searched a little wider
-- (0.002°, more than a published point moves) and the point tested exactly.
    ($1::text[] IS NULL OR i.category_slug = ANY($1::text[]))
AND ($2::date IS NULL OR i.month >= $2::date)
AND ($3::date IS NULL OR i.month <= $3::date)
AND ($4::text[] IS NULL OR i.ward_code = ANY($4::text[]) OR i.month_ward_code = ANY($4::text[]))
AND ($5::text[] IS NULL OR i.area_code = ANY($5::text[]))
AND ($11::int[] IS NULL OR i.police_neighbourhood_id = ANY($11::int[]))
AND ($6::float8[] IS NULL OR (
      i.geom && ST_Expand(ST_MakeEnvelope($6[1], $6[2], $6[3], $6[4], 4326), CASE WHEN $10::boolean THEN 0 ELSE 0.002 END)
  AND CASE WHEN $10::boolean OR i.status IS NULL THEN i.geom ELSE published_point(i.geom, i.geom_bng, i.status) END
      && ST_MakeEnvelope($6[1], $6[2], $6[3], $6[4], 4326)))
AND ($7::text IS NULL OR (
      i.geom && ST_Expand(ST_Envelope(ST_SetSRID(ST_GeomFromGeoJSON($7::text), 4326)), CASE WHEN $10::boolean THEN 0 ELSE 0.002 END)
  AND ST_Intersects(CASE WHEN $10::boolean OR i.status IS NULL THEN i.geom ELSE published_point(i.geom, i.geom_bng, i.status) END,
                    ST_SetSRID(ST_GeomFromGeoJSON($7::text), 4326))))
AND ($8::text[] IS NULL OR i.source = ANY($8::text[]))
AND ($9::text[] IS NULL OR i.status = ANY($9::text[]))
