-- Gives boards their units: row k of the three arrays is one unit. $1 int[] board ids;
-- $2 text[] levels; $3 text[] unit codes.
INSERT INTO board_unit (board_id, level, unit_code)
SELECT * FROM unnest($1::int[], $2::text[], $3::text[]);
