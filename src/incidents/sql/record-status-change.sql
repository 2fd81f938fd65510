-- Records one step of a report's workflow. $1 bigint id; $2 text from (NULL when reported);
-- $3 text to; $4 text note; $5 timestamptz when; $6 text who (the authenticated caller).
INSERT INTO incident_status_change (incident_id, from_status, to_status, note, changed_at, changed_by)
VALUES ($1::bigint, $2::text, $3::text, $4::text, $5::timestamptz, $6::text);
