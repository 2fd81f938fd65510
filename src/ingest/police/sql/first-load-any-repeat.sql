-- Whether any key is in the first load more than once (first-load-repeats): one pass, so that the
-- load sorts by key only when it must.
SELECT EXISTS (SELECT 1 FROM incident_load GROUP BY source, source_key HAVING count(*) > 1) AS "any";
