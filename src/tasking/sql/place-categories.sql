-- The incidents an analysis counted inside a footprint, by category, with the agency that owns
-- each category: largest first (ties by slug), so the first row names the lead agency.
-- $1 text footprint GeoJSON (WGS 84); $2 date first month; $3 date last month;
-- $4 text[] categories or NULL; $5 text[] sources or NULL.
SELECT i.category_slug AS category, c.service AS agency, count(*)::int AS n
FROM incident i
JOIN incident_category c ON c.slug = i.category_slug
WHERE ST_Intersects(i.geom, ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326))
  AND i.month BETWEEN $2::date AND $3::date
  AND ($4::text[] IS NULL OR i.category_slug = ANY($4::text[]))
  AND ($5::text[] IS NULL OR i.source = ANY($5::text[]))
GROUP BY i.category_slug, c.service
ORDER BY n DESC, category;
