-- Removes LSOAs the new files no longer have (their figures and shares cascade). $1 text[] kept codes.
DELETE FROM lsoa WHERE NOT (code = ANY($1::text[]));
