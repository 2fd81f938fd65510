-- One page of incidents, newest month first, then by id, after a (month, id) cursor.
-- $1..$9 the filter (incident-filter.sql); $10 date cursor month and $11 bigint cursor id, or
-- NULL for the first page; $12 int rows to fetch. Reporter contact is never selected.
SELECT i.id::text AS id,
       i.source,
       i.category_slug AS "categorySlug",
       to_char(i.month, 'YYYY-MM') AS month,
       i.occurred_at AS "occurredAt",
       ST_AsGeoJSON(i.geom, 6)::json AS point,
       i.location,
       i.ward_code AS "wardCode",
       i.area_code AS "areaCode",
       i.lsoa_code AS "lsoaCode",
       i.outcome,
       i.status,
       i.description
FROM incident i
WHERE /*FILTER*/
  AND ($10::date IS NULL OR (i.month, i.id) < ($10::date, $11::bigint))
ORDER BY i.month DESC, i.id DESC
LIMIT $12::int;
