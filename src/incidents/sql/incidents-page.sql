-- One page of incidents, newest month first, then by id, after a (month, id) cursor.
-- $1..$11 the filter (incident-filter.sql, $10 exact points); $12 date cursor month and $13 bigint
-- cursor id, or NULL for the first page; $14 int rows to fetch. Without exact points a street-scene
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
       i.police_neighbourhood_id AS "policeNeighbourhoodId",
       CASE WHEN i.status IS NULL AND i.source_key NOT LIKE 'derived:%' THEN split_part(i.source_key, '#', 1) END
         AS "crimeId",
       i.outcome,
       i.status,
       i.description
FROM incident i
WHERE /*FILTER*/
  AND ($12::date IS NULL OR (i.month, i.id) < ($12::date, $13::bigint))
ORDER BY i.month DESC, i.id DESC
LIMIT $14::int;
