-- The area to lay cells over, as GeoJSON (EPSG:4326), with its size and the size of its bounding
-- box in m² (EPSG:27700; grids are laid over the box, so the box prices an analysis), and why it
-- is not a valid polygon when it is not (NULL when valid).
-- $1 text GeoJSON polygon; $2 float8[] bbox [west, south, east, north]; $3 text[] area codes;
-- $4 text[] ward codes; $5 text ward set. The first given wins; wards and areas are those of the
-- set (areas made of its wards); with none, the whole city (union of the set's wards). wardCodes
-- names the wards of an extent made of them (NULL for a polygon or box), so that analyses can
-- select its incidents by their placement rather than test each point against the outline.
SELECT ST_AsGeoJSON(e.g)::text AS geojson,
       ST_Area(ST_Transform(e.g, 27700)) AS "areaSqM",
       ST_Area(ST_Envelope(ST_Transform(e.g, 27700))) AS "boxSqM",
       CASE WHEN ST_IsValid(e.g) THEN NULL ELSE ST_IsValidReason(e.g) END AS "invalidReason",
       e.wards AS "wardCodes"
FROM (
  SELECT CASE
           WHEN $1::text IS NOT NULL THEN ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326)
           WHEN $2::float8[] IS NOT NULL THEN ST_MakeEnvelope($2[1], $2[2], $2[3], $2[4], 4326)
           ELSE w.g
         END AS g,
         CASE WHEN $1::text IS NULL AND $2::float8[] IS NULL THEN w.codes END AS wards
  FROM (SELECT ST_Union(geom) AS g, array_agg(code ORDER BY code) AS codes FROM ward
        WHERE $1::text IS NULL AND $2::float8[] IS NULL
          AND boundary_set_id = $5::text
          AND CASE WHEN $4::text[] IS NOT NULL THEN code = ANY($4::text[])
                   ELSE $3::text[] IS NULL OR area_code = ANY($3::text[]) END) w
) e;
