-- Every agency, by name.
SELECT code, name, kind FROM agency ORDER BY name;
