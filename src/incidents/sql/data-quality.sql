-- Per source and month over a period: rows, rows without a point, and rows whose published LSOA
-- code differs from the LSOA their point falls in. $1 date first month; $2 date last month.
SELECT source,
       to_char(month, 'YYYY-MM') AS month,
       count(*)::int AS rows,
       (count(*) FILTER (WHERE geom IS NULL))::int AS "withoutLocation",
       (count(*) FILTER (WHERE reported_lsoa_code IS NOT NULL AND geom IS NOT NULL
                           AND reported_lsoa_code IS DISTINCT FROM lsoa_code))::int AS "lsoaMismatches"
FROM incident
WHERE month BETWEEN $1::date AND $2::date
GROUP BY source, month
ORDER BY source, month;
