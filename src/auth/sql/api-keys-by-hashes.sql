-- The active keys among these hashes, and the data version (as src/graphql/sql/response-stamp.sql
-- reads it) on every row, in one statement: the reads of requests that arrived together
-- (src/auth/shared-reads.ts). Always at least one row: with no key found (or none asked for),
-- one row of the data version alone, whose "keyHash" is null. $1 text[] SHA-256 hex of the keys.
SELECT k.key_hash AS "keyHash", k.id, k.label, k.role,
       (SELECT version::text || ':' || extract(epoch FROM changed_at)::text FROM data_version) AS "dataStamp"
FROM (SELECT 1) AS one
LEFT JOIN api_key k ON k.key_hash = ANY($1::text[]) AND k.revoked_at IS NULL;
