-- Records (or refreshes) one boundary set. $1 id, $2 kind, $3 vintage, $4 source, $5 licence.
INSERT INTO boundary_set (id, kind, vintage, source, licence, loaded_at)
VALUES ($1, $2, $3, $4, $5, now())
ON CONFLICT (id) DO UPDATE
SET kind = EXCLUDED.kind, vintage = EXCLUDED.vintage, source = EXCLUDED.source,
    licence = EXCLUDED.licence, loaded_at = now();
