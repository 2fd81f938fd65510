-- Removes a priority; no row for an unknown id. $1 priority id.
DELETE FROM plan_priority WHERE id = $1::int RETURNING plan_id::text AS "planId";
