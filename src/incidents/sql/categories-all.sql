-- Every incident category with its owning agency and target days, by kind then name.
SELECT slug, name, kind, service, police_name AS "policeName", target_days AS "targetDays"
FROM incident_category
ORDER BY kind, name;
