-- Cells of a Gi* analysis computed in the hub (src/hotspots/grid.ts), handed over as $4 jsonb: an
-- array of {geometry (GeoJSON, WGS 84), id, count, zScore, pValue, confidence}, already narrowed
-- to those whose bounding box meets tile $1/$2/$3. Nulls (withheld counts, undefined z-scores)
-- stay NULL and are left out of the tile.
SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(c->>'geometry'), 4326), 3857) AS geom,
       c->>'id' AS id, (c->>'count')::int AS count, (c->>'zScore')::float8 AS "zScore",
       (c->>'pValue')::float8 AS "pValue", (c->>'confidence')::int AS confidence
FROM jsonb_array_elements($4::jsonb) c
