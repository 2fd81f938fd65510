-- Adds a priority to a plan. $1 plan id; $2 title; $3 text[] categories (empty: all);
-- $4 place kind; $5 place ref; $6 footprint (GeoJSON MultiPolygon text, WGS 84); $7 lead agency
-- code; $8 target change in per cent.
INSERT INTO plan_priority (plan_id, title, categories, place_kind, place_ref, footprint, lead_agency,
                           target_change_percent)
VALUES ($1::int, $2::text, $3::text[], $4::text, $5::text, ST_SetSRID(ST_GeomFromGeoJSON($6::text), 4326),
        $7::text, $8::float8)
RETURNING id::text AS id;
