-- Categories by slug (loader batch). $1 text[] slugs.
SELECT slug, name, kind, service, police_name AS "policeName", target_days AS "targetDays"
FROM incident_category
WHERE slug = ANY($1::text[]);
