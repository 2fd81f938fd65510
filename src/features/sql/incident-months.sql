-- The first and last month holding incidents (min and max read from the month index), or NULLs.
SELECT to_char(min(month), 'YYYY-MM-DD') AS first, to_char(max(month), 'YYYY-MM-DD') AS last
FROM incident;
