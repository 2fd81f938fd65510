-- Removes wards the new files no longer have. $1 text[] kept codes.
DELETE FROM ward WHERE NOT (code = ANY($1::text[]));
