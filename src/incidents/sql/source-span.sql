-- The first and last month ('YYYY-MM') each source holds rows for, over everything the hub holds.
SELECT source, to_char(min(month), 'YYYY-MM') AS "firstMonth", to_char(max(month), 'YYYY-MM') AS "lastMonth"
FROM incident
GROUP BY source
ORDER BY source;
