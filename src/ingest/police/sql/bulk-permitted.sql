-- Whether this session may turn triggers off for its own writes (session_replication_role): a
-- superuser may, and so may a role granted it (GRANT SET ON PARAMETER session_replication_role).
-- Without it the import takes the batched path, where every trigger fires per statement.
SELECT has_parameter_privilege('session_replication_role', 'SET') AS "permitted";
