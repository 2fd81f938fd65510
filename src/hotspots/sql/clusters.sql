-- Density clusters of the filtered incidents: ST_ClusterDBSCAN on the stored EPSG:27700 points
-- (eps in metres, minimum points), over an extent. Returns each clustered incident with its
-- cluster id, category, month, ward, area and police neighbourhood; noise is left out.
-- $1 text extent GeoJSON; $2 float8 eps metres; $3 int min points; $4 text[] categories or NULL;
-- $5 date first month; $6 date last month; $7 text[] sources or NULL; $8 boolean exact points
-- (false: street-scene reports are clustered at their published point, published_point_bng);
-- $9 boolean: name incidents by the ward and area of their month (an analysis on an earlier set,
-- over the months it held) rather than by those of the current set.
WITH extent AS (
  SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326), 27700) AS g
),
-- Small pieces of the outline, each matched to incidents through the GiST index on geom_bng.
pieces AS (
  SELECT ST_Subdivide(g, 64) AS p FROM extent
),
picked AS (
  SELECT DISTINCT ON (inc.id) inc.id, CASE WHEN $8::boolean THEN inc.geom_bng ELSE published_point_bng(inc.geom_bng, inc.status) END AS geom_bng, inc.category_slug, inc.month,
         CASE WHEN $9::boolean THEN inc.month_ward_code ELSE inc.ward_code END AS ward_code,
         CASE WHEN $9::boolean THEN inc.month_area_code ELSE inc.area_code END AS area_code,
         inc.police_neighbourhood_id
  FROM pieces
  JOIN incident inc ON ST_Intersects(inc.geom_bng, pieces.p)
  WHERE ($4::text[] IS NULL OR inc.category_slug = ANY($4::text[]))
    AND inc.month BETWEEN $5::date AND $6::date
    AND ($7::text[] IS NULL OR inc.source = ANY($7::text[]))
  ORDER BY inc.id
),
clustered AS (
  SELECT picked.*, ST_ClusterDBSCAN(geom_bng, $2::float8, $3::int) OVER (ORDER BY id) AS cid
  FROM picked
)
SELECT cid, id::text AS id, category_slug AS category, to_char(month, 'YYYY-MM') AS month,
       ward_code AS "wardCode", area_code AS "areaCode", police_neighbourhood_id AS "policeNeighbourhoodId", ST_X(geom_bng) AS x, ST_Y(geom_bng) AS y
FROM clustered
WHERE cid IS NOT NULL
ORDER BY cid, id;
