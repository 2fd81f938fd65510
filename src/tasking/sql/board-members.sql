-- The members of boards, by role then name. $1 int[] board ids.
SELECT m.id::text AS id, m.board_id::text AS "boardId", m.role, m.name, m.agency_code AS "agencyCode"
FROM board_member m
WHERE m.board_id = ANY($1::int[])
ORDER BY m.board_id, m.role, m.name, m.id;
