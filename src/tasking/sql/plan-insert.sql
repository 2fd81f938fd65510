-- Adds a board's plan for a year (UQ_neighbourhood_plan_board_year: one per board and year).
-- $1 board id; $2 year; $3 title; $4 created_by.
INSERT INTO neighbourhood_plan (board_id, year, title, created_by) VALUES ($1::int, $2::int, $3::text, $4::text)
RETURNING id::text AS id;
