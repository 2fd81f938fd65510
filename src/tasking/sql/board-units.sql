-- The units of boards with their names: a ward's from the newest ward set that has its code, an
-- area's, a police neighbourhood's (by id). $1 int[] board ids.
SELECT u.board_id::text AS "boardId", u.level, u.unit_code AS code,
       COALESCE(w.name, a.name, n.name) AS name
FROM board_unit u
LEFT JOIN LATERAL (
  SELECT w.name FROM ward w JOIN boundary_set s ON s.id = w.boundary_set_id
  WHERE u.level = 'ward' AND w.code = u.unit_code
  ORDER BY s.valid_from DESC LIMIT 1
) w ON true
LEFT JOIN area a ON u.level = 'area' AND a.code = u.unit_code
LEFT JOIN police_neighbourhood n ON u.level = 'policeNeighbourhood' AND n.id::text = u.unit_code
WHERE u.board_id = ANY($1::int[])
ORDER BY u.board_id, u.level, name, u.unit_code;
