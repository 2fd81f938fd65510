-- Street-scene reports still open (open or in progress) for longer than their category's target,
-- furthest past it first, each with its point, its ward and area, and the tasks (not cancelled)
-- whose footprint holds its exact point.
-- $1 text extent GeoJSON (WGS 84) or NULL for everywhere; $2 boolean exact points (officers;
-- otherwise the published point is shown and is what the extent tests, as every filter does);
-- $3 text[] categories or NULL; $4 int most rows.
SELECT i.id::text AS id,
       i.category_slug AS category,
       c.service AS agency,
       COALESCE(i.occurred_at, i.created_at) AS "reportedAt",
       c.target_days AS "targetDays",
       (extract(epoch FROM now() - COALESCE(i.occurred_at, i.created_at)) / 86400)::float8 AS "daysOpen",
       i.ward_code AS "wardCode",
       i.area_code AS "areaCode",
       ST_AsGeoJSON(shown.p, 6)::json AS geometry,
       ARRAY(SELECT t.id::text FROM task t
             WHERE t.status <> 'cancelled' AND ST_Intersects(t.footprint, i.geom) ORDER BY t.id) AS "taskIds"
FROM incident i
JOIN incident_category c ON c.slug = i.category_slug
CROSS JOIN LATERAL (
  SELECT CASE WHEN $2::boolean THEN i.geom ELSE ST_Transform(published_point_bng(i.geom_bng, i.status), 4326) END AS p
) shown
WHERE i.status IN ('open', 'in_progress')
  AND c.target_days IS NOT NULL
  AND i.geom IS NOT NULL
  AND now() - COALESCE(i.occurred_at, i.created_at) > make_interval(days => c.target_days)
  AND ($1::text IS NULL OR ST_Intersects(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326), shown.p))
  AND ($3::text[] IS NULL OR i.category_slug = ANY($3::text[]))
ORDER BY (extract(epoch FROM now() - COALESCE(i.occurred_at, i.created_at)) / 86400) / c.target_days DESC, i.id
LIMIT $4::int;
