-- Removes a member; no row for an unknown id. $1 member id.
DELETE FROM board_member WHERE id = $1::int RETURNING board_id::text AS "boardId";
