-- The data version the hot-spot analyses rest on (migrations/1764403200000-DataVersion.ts), and
-- whether this transaction has written anything (uncommitted changes must never be kept).
SELECT version::text AS version, txid_current_if_assigned() IS NULL AS clean FROM data_version;
