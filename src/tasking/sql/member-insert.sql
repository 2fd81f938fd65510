-- Adds a member to a board. $1 board id; $2 role; $3 name; $4 agency code (NULL for none).
INSERT INTO board_member (board_id, role, name, agency_code) VALUES ($1::int, $2::text, $3::text, $4::text)
RETURNING id::text AS id;
