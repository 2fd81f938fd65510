-- The meetings of boards, latest first. $1 int[] board ids.
SELECT m.id::text AS id, m.board_id::text AS "boardId", to_char(m.held_on, 'YYYY-MM-DD') AS "heldOn", m.notes,
       m.created_by AS "recordedBy", m.created_at AS "recordedAt"
FROM board_meeting m
WHERE m.board_id = ANY($1::int[])
ORDER BY m.board_id, m.held_on DESC, m.id DESC;
