-- Writes the areas of a grouping. $1 json [{code, name}]; $2 text description of the grouping.
INSERT INTO area (code, name, description)
SELECT r.code, r.name, $2::text
FROM json_to_recordset($1::json) AS r(code text, name text)
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description;
