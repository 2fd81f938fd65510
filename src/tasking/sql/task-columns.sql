-- A task's columns as the API returns it, with its agency and board name; spliced where
-- /*TASK_COLUMNS*/ stands in statements that select FROM task t JOIN agency a LEFT JOIN board b
-- (/*TASK_FROM*/). Days are UTC calendar days, as the due-date check counts them.
t.id::text AS id,
t.title,
t.agency_code AS "agencyCode",
json_build_object('code', a.code, 'name', a.name, 'kind', a.kind) AS agency,
t.owner_role AS "ownerRole",
t.board_id::text AS "boardId",
b.name AS "boardName",
to_char(t.due_on, 'YYYY-MM-DD') AS "dueOn",
t.status,
t.outcome,
t.source_kind AS "sourceKind",
t.source_ref AS "sourceRef",
ST_AsGeoJSON(t.footprint, 6)::json AS footprint,
t.unit_level AS "unitLevel",
t.unit_code AS "unitCode",
t.categories,
t.created_by AS "createdBy",
t.created_at AS "createdAt",
t.closed_at AS "closedAt",
to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "createdOn",
to_char(t.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "closedOn"
