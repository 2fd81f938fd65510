-- How many incidents match the filter. $1..$11 the filter (incident-filter.sql).
SELECT count(*)::int AS n
FROM incident i
WHERE /*FILTER*/;
