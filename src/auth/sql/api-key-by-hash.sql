-- The active key with this hash, if any, and the data version in the same statement (the
-- response cache's label, as src/graphql/sql/response-stamp.sql reads it), so that a request with
-- a key reads both in one round trip. $1 text SHA-256 hex of the key presented.
SELECT id, label, role, (SELECT version::text || ':' || extract(epoch FROM changed_at)::text FROM data_version) AS "dataStamp"
FROM api_key
WHERE key_hash = $1::text AND revoked_at IS NULL;
