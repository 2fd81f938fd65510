-- Every area, by name.
SELECT code, name, description
FROM area
ORDER BY name;
