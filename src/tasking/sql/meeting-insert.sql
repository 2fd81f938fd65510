-- Records a meeting. $1 board id; $2 held_on (date); $3 notes; $4 created_by.
INSERT INTO board_meeting (board_id, held_on, notes, created_by) VALUES ($1::int, $2::date, $3::text, $4::text)
RETURNING id::text AS id;
