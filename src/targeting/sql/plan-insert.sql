-- Saves an allocation plan, stamped with the data version it was computed on (read in the same
-- transaction as the computation).
-- $1 title; $2 decided_by; $3 decided_on (date); $4 note; $5 level; $6 boundary_set_id;
-- $7 input (json text); $8 output (json text); $9 recorded_by.
INSERT INTO allocation_plan (title, decided_by, decided_on, note, level, boundary_set_id, input, output,
                             data_version, recorded_by)
SELECT $1::text, $2::text, $3::date, $4::text, $5::text, $6::text, $7::json, $8::json, v.version, $9::text
FROM data_version v
RETURNING id::text AS id;
