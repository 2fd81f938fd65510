-- Saved plans, latest decision first (then latest saved), optionally of one level and ward set.
-- $1 level or null; $2 boundary_set_id or null; $3 how many.
SELECT /*PLAN_COLUMNS*/
FROM allocation_plan p CROSS JOIN data_version v
WHERE ($1::text IS NULL OR p.level = $1::text)
  AND ($2::text IS NULL OR p.boundary_set_id = $2::text)
ORDER BY p.decided_on DESC, p.id DESC
LIMIT $3::int;
