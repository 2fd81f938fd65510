-- An agency with this code or this name, if any (to refuse a duplicate before inserting).
-- $1 code; $2 name.
SELECT code, name FROM agency WHERE code = $1::text OR name = $2::text LIMIT 1;
