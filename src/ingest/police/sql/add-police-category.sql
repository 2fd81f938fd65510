-- Keeps a crime type police.uk has newly published under its own slug. $1 slug, $2 its name.
INSERT INTO incident_category (slug, name, kind, service, police_name)
VALUES ($1, $2, 'crime', 'POLICE', $2)
ON CONFLICT DO NOTHING;
