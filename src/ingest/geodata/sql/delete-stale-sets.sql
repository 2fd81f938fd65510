-- Removes boundary sets the manifest no longer names, once nothing refers to them. $1 text[] kept ids.
DELETE FROM boundary_set WHERE NOT (id = ANY($1::text[]));
