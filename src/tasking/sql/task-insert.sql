-- Creates a task and records its creation (from nothing to open) as the first status change,
-- by the same caller at the same moment. $1 title; $2 agency code; $3 owner role; $4 board id or
-- NULL; $5 due date; $6 source kind; $7 source ref or NULL; $8 footprint GeoJSON (MultiPolygon,
-- WGS 84); $9 unit level or NULL; $10 unit code or NULL; $11 text[] categories; $12 created by.
WITH t AS (
  INSERT INTO task (title, agency_code, owner_role, board_id, due_on, source_kind, source_ref, footprint,
                    unit_level, unit_code, categories, created_by)
  VALUES ($1::text, $2::text, $3::text, $4::int, $5::date, $6::text, $7::text,
          ST_SetSRID(ST_GeomFromGeoJSON($8::text), 4326), $9::text, $10::text, $11::text[], $12::text)
  RETURNING id, status, created_by, created_at
)
INSERT INTO task_status_change (task_id, from_status, to_status, changed_by, changed_at)
SELECT t.id, NULL, t.status, t.created_by, t.created_at FROM t
RETURNING task_id::text AS id;
