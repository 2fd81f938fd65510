-- Gives a category to an agency and, when $4 is true, sets its target days ($3, NULL for none).
-- $1 slug; $2 agency code; $3 target days; $4 whether to change the target. No row for an unknown slug.
UPDATE incident_category
SET service = $2::text, target_days = CASE WHEN $4::boolean THEN $3::int ELSE target_days END
WHERE slug = $1::text
RETURNING slug;
