-- A board's plan for a year, if it has one. $1 board id; $2 year.
SELECT p.id::text AS id FROM neighbourhood_plan p WHERE p.board_id = $1::int AND p.year = $2::int;
