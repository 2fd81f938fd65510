-- The columns of a board as the service returns it, over board b.
b.id::text AS id, b.name, b.created_by AS "createdBy", b.created_at AS "createdAt"
