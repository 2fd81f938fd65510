-- One page of incidents, newest month first, then by id, after a (month, id) cursor.
-- $1..$10 the filter (incident-filter.sql, $10 exact points); $11 date cursor month and $12 bigint
-- cursor id, or NULL for the first page; $13 int rows to fetch. Without exact points a street-scene
-- report's point is its published one (published_point). Reporter contact is never selected.
SELECT i.id::text AS id,
       i.source,
       i.category_slug AS "categorySlug",
       to_char(i.month, 'YYYY-MM') AS month,
       i.occurred_at AS "occurredAt",
       ST_AsGeoJSON(CASE WHEN $10::boolean THEN i.geom ELSE published_point(i.geom, i.geom_bng, i.status) END, 6)::json
         AS point,
       i.location,
       i.ward_code AS "wardCode",
       i.area_code AS "areaCode",
       i.lsoa_code AS "lsoaCode",
       i.outcome,
       i.status,
       i.description
FROM incident i
WHERE /*FILTER*/
  AND ($11::date IS NULL OR (i.month, i.id) < ($11::date, $12::bigint))
ORDER BY i.month DESC, i.id DESC
LIMIT $13::int;
