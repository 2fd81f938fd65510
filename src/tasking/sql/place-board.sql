-- The union of a board's units as a footprint, with the board's name; no row for an unknown
-- board, a null footprint for one without units. $1 ward set id; $2 board id.
SELECT ST_AsGeoJSON(ST_Multi(ST_Union(x.g)), 6)::json AS footprint, b.name
FROM board b
LEFT JOIN board_unit u ON u.board_id = b.id
LEFT JOIN LATERAL (/*UNIT_GEOMETRY*/) x ON true
WHERE b.id = $2::int
GROUP BY b.id, b.name;
