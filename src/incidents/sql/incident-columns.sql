-- An incident's columns as the API returns it, shared by the page and by-id statements (included
-- where /*COLUMNS*/ stands); /*EXACT*/ is the statement's exact-points parameter: without it, a
-- street-scene report's point is its published one (published_point). The Crime ID is police.uk's
-- key without the #n a repeated one gets; rows keyed from their content have none. Reporter
-- contact is never selected. Its ward and area are those of the set in force in its month, and
-- again in the current set.
i.id::text AS id,
i.source,
i.category_slug AS "categorySlug",
to_char(i.month, 'YYYY-MM') AS month,
i.occurred_at AS "occurredAt",
ST_AsGeoJSON(CASE WHEN /*EXACT*/ THEN i.geom ELSE published_point(i.geom, i.geom_bng, i.status) END, 6)::json
  AS point,
i.location,
i.month_ward_code AS "wardCode",
i.month_area_code AS "areaCode",
i.ward_code AS "currentWardCode",
i.area_code AS "currentAreaCode",
i.lsoa_code AS "lsoaCode",
i.police_neighbourhood_id AS "policeNeighbourhoodId",
CASE WHEN i.status IS NULL AND i.source_key NOT LIKE 'derived:%' THEN split_part(i.source_key, '#', 1) END
  AS "crimeId",
i.outcome,
i.status,
i.description
