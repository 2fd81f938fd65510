-- The columns of a task that the effect and the problems list show (a fragment spliced into
-- effect-tasks.sql; t is the task).
t.id::text AS id,
t.title,
t.agency_code AS "agencyCode",
t.status,
to_char(t.due_on, 'YYYY-MM-DD') AS "dueOn",
t.created_at AS "createdAt",
t.closed_at AS "closedAt",
t.categories,
t.due_on < (now() AT TIME ZONE 'UTC')::date AND t.status IN ('open', 'in_progress') AS overdue,
ST_AsGeoJSON(t.footprint, 6)::json AS footprint
