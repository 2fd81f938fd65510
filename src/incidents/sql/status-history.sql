-- The workflow steps of incidents (loader batch), oldest first. $1 bigint[] ids.
SELECT incident_id::text AS "incidentId", from_status AS "from", to_status AS "to", changed_at AS "changedAt", note,
       changed_by AS "changedBy"
FROM incident_status_change
WHERE incident_id = ANY($1::bigint[])
ORDER BY changed_at, id;
