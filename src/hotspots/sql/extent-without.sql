-- An extent with some units cut out (an analysis's coveredOnly: the units with coverage gaps),
-- as GeoJSON (EPSG:4326) with its size and its bounding box's size in m² (EPSG:27700), as
-- extent.sql gives them, but with no wardCodes: a cut can leave part of a ward. $1 text GeoJSON
-- extent; $2 text[] ward codes; $3 int[] police neighbourhood ids. Polygons only: slivers the
-- cut leaves as lines or points are dropped.
SELECT ST_AsGeoJSON(e.g)::text AS geojson,
       ST_Area(ST_Transform(e.g, 27700)) AS "areaSqM",
       ST_Area(ST_Envelope(ST_Transform(e.g, 27700))) AS "boxSqM",
       NULL::text AS "invalidReason",
       NULL::text[] AS "wardCodes"
FROM (
  SELECT CASE WHEN ST_IsEmpty(d.g) THEN NULL ELSE d.g END AS g
  FROM (
    SELECT ST_CollectionExtract(ST_Difference(x.g, COALESCE(cut.g, ST_GeomFromText('POLYGON EMPTY', 4326))), 3) AS g
    FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326) AS g) x,
         (SELECT ST_Union(geom) AS g
          FROM (SELECT geom FROM ward WHERE code = ANY($2::text[])
                UNION ALL
                SELECT geom FROM police_neighbourhood WHERE id = ANY($3::int[])) u) cut
  ) d
) e;
