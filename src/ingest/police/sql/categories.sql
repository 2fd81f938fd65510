-- Every category's slug with its police.uk name, to map a file's Crime type.
SELECT slug, police_name AS "policeName" FROM incident_category;
