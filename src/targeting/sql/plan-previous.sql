-- The plan before a plan: the latest of the same level and ward set decided before it (on the
-- same day, saved before it). Walks IDX_allocation_plan_order backwards from the plan.
-- $1 bigint id of the plan.
SELECT prev.id::text AS id
FROM allocation_plan p
JOIN LATERAL (
  SELECT q.id
  FROM allocation_plan q
  WHERE q.level = p.level AND q.boundary_set_id = p.boundary_set_id
    AND (q.decided_on, q.id) < (p.decided_on, p.id)
  ORDER BY q.decided_on DESC, q.id DESC
  LIMIT 1
) prev ON true
WHERE p.id = $1::bigint;
