-- The active key with this hash, if any. $1 text SHA-256 hex of the key presented.
SELECT id, label, role FROM api_key WHERE key_hash = $1::text AND revoked_at IS NULL;
