-- Which of the slugs given name a category. $1 text[] slugs.
SELECT slug FROM incident_category WHERE slug = ANY($1::text[]);
