-- The incidents a cluster analysis takes and the extent's area, from which DBSCAN's minimum
-- points is chosen when the caller gives none. Selects as clusters.sql does.
-- $1 text extent GeoJSON; $2 text[] categories or NULL; $3 date first month; $4 date last month;
-- $5 text[] sources or NULL.
WITH extent AS (
  SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326), 27700) AS g
),
pieces AS (
  SELECT ST_Subdivide(g, 64) AS p FROM extent
)
SELECT (SELECT count(DISTINCT inc.id)::int
        FROM pieces
        JOIN incident inc ON ST_Intersects(inc.geom_bng, pieces.p)
        WHERE ($2::text[] IS NULL OR inc.category_slug = ANY($2::text[]))
          AND inc.month BETWEEN $3::date AND $4::date
          AND ($5::text[] IS NULL OR inc.source = ANY($5::text[]))) AS incidents,
       (SELECT ST_Area(g) FROM extent) AS "areaSqM";
