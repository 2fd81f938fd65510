-- Revokes a key from now on. $1 int id. Returns the row when it was active.
UPDATE api_key SET revoked_at = now() WHERE id = $1::int AND revoked_at IS NULL RETURNING id;
