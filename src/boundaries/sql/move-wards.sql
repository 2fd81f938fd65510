-- Moves wards to areas and records each move (who, when, from, to) in one statement; returns
-- the moves made. $1 text[] ward codes; $2 text[] area codes (same length); $3 uuid change set;
-- $4 text changed by (the authenticated administrator); $5 text on behalf of, or NULL. Wards
-- already in the area asked for are left alone.
WITH moved AS (
  UPDATE ward w
  SET area_code = m.area
  FROM unnest($1::text[], $2::text[]) AS m(ward, area), ward old
  WHERE w.code = m.ward AND old.code = m.ward AND w.area_code <> m.area
  RETURNING w.code, old.area_code AS from_area, m.area AS to_area
)
INSERT INTO ward_area_change (change_set, ward_code, from_area, to_area, changed_by, on_behalf_of)
SELECT $3::uuid, code, from_area, to_area, $4::text, $5::text FROM moved
RETURNING ward_code AS "wardCode", from_area AS "fromArea", to_area AS "toArea";
