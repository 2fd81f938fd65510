-- Gives carried-over wards their areas and records each in the audit setWardAreas writes, as a
-- change by the geodata load from no area. $1 text[] ward codes; $2 text[] area codes (same
-- length); $3 uuid change set; $4 text how the areas were chosen.
WITH set_area AS (
  UPDATE ward w SET area_code = m.area
  FROM unnest($1::text[], $2::text[]) AS m(ward, area)
  WHERE w.code = m.ward
  RETURNING w.code, m.area
)
INSERT INTO ward_area_change (change_set, ward_code, from_area, to_area, changed_by, on_behalf_of)
SELECT $3::uuid, code, '(new ward)', area, 'geodata:load', $4::text FROM set_area
RETURNING ward_code;
