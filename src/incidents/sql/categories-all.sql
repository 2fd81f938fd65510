-- Every incident category with its owning service, by kind then name.
SELECT slug, name, kind, service, police_name AS "policeName"
FROM incident_category
ORDER BY kind, name;
