-- Saved plans by id, with whether the data version has moved since each was saved.
-- $1 bigint[] ids.
SELECT /*PLAN_COLUMNS*/
FROM allocation_plan p CROSS JOIN data_version v
WHERE p.id = ANY($1::bigint[]);
