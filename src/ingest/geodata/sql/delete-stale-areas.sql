-- Removes areas the new grouping no longer has. $1 text[] kept codes.
DELETE FROM area WHERE NOT (code = ANY($1::text[]));
