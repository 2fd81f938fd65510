-- The priorities of plans, in the order they were added, footprints as GeoJSON. $1 int[] plan ids.
SELECT pr.id::text AS id, pr.plan_id::text AS "planId", pr.title, pr.categories, pr.place_kind AS "placeKind",
       pr.place_ref AS "placeRef", ST_AsGeoJSON(pr.footprint, 6)::json AS footprint,
       pr.lead_agency AS "leadAgency", pr.target_change_percent AS "targetChangePercent"
FROM plan_priority pr
WHERE pr.plan_id = ANY($1::int[])
ORDER BY pr.plan_id, pr.id;
