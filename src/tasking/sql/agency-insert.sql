-- Adds an agency. $1 code; $2 name; $3 kind; $4 created_by (the authenticated caller).
INSERT INTO agency (code, name, kind, created_by) VALUES ($1::text, $2::text, $3::text, $4::text)
RETURNING code, name, kind;
