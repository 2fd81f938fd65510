-- Every API key, newest first, without hashes.
SELECT id, label, role, prefix, created_by AS "createdBy", created_at AS "createdAt", revoked_at AS "revokedAt"
FROM api_key
ORDER BY id DESC;
