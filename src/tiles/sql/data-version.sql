-- The data version (migrations/1764403200000-DataVersion.ts): read in the same snapshot as the tile it labels.
SELECT version::text AS version FROM data_version
