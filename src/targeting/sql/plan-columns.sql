-- The columns of a saved plan as the service returns it, over allocation_plan p and
-- data_version v, spliced into plans-by-id.sql and plans-list.sql.
p.id::text AS id, p.title, p.decided_by AS "decidedBy", to_char(p.decided_on, 'YYYY-MM-DD') AS "decidedOn",
p.note, p.recorded_by AS "recordedBy", p.recorded_at AS "recordedAt", p.level,
p.boundary_set_id AS "boundarySet", p.input, p.output, v.version <> p.data_version AS "dataChangedSince"
