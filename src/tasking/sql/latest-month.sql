-- The latest month the hub holds incidents for, YYYY-MM (NULL when it holds none); the month
-- index answers it from its last entry.
SELECT to_char(max(month), 'YYYY-MM') AS month FROM incident;
