-- The columns of a neighbourhood plan as the service returns it, over neighbourhood_plan p.
p.id::text AS id, p.board_id::text AS "boardId", p.year, p.title, p.created_by AS "createdBy",
p.created_at AS "createdAt"
