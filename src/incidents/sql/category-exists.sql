-- One category by slug. $1 text slug.
SELECT slug, kind FROM incident_category WHERE slug = $1::text;
