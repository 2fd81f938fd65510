-- Stores a new API key's hash. $1 text label; $2 text role; $3 text SHA-256 hex of the key;
-- $4 text the key's first characters; $5 text who created it. Returns the new id.
INSERT INTO api_key (label, role, key_hash, prefix, created_by)
VALUES ($1::text, $2::text, $3::text, $4::text, $5::text)
RETURNING id;
