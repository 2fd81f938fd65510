-- The wards of the ward set $1 that no board covers yet, by name.
SELECT w.code, w.name
FROM ward w
WHERE w.boundary_set_id = $1::text
  AND NOT EXISTS (SELECT 1 FROM board_unit u WHERE u.level = 'ward' AND u.unit_code = w.code)
ORDER BY w.name, w.code;
