-- Records (or refreshes) one boundary set with its validity. $1 id, $2 kind, $3 vintage, $4 source,
-- $5 licence, $6 date valid from, $7 date valid to or NULL (current), $8 the paired LSOA set or NULL.
INSERT INTO boundary_set (id, kind, vintage, source, licence, valid_from, valid_to, lsoa_set_id, loaded_at)
VALUES ($1, $2, $3, $4, $5, $6::date, $7::date, $8, now())
ON CONFLICT (id) DO UPDATE
SET kind = EXCLUDED.kind, vintage = EXCLUDED.vintage, source = EXCLUDED.source, licence = EXCLUDED.licence,
    valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to, lsoa_set_id = EXCLUDED.lsoa_set_id,
    loaded_at = now();
