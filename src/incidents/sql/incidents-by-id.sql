-- Incidents by id (loader batch and mutations). $1 bigint[] ids. Reporter contact is never selected.
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
WHERE i.id = ANY($1::bigint[]);
