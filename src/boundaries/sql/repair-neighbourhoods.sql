-- Repairs a layer's invalid outlines with ST_MakeValid, keeping their polygonal part, and
-- returns any left with no area. $1 int layer id.
WITH fixed AS (
  UPDATE police_neighbourhood SET geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3))
  WHERE layer_id = $1::int AND NOT ST_IsValid(geom)
  RETURNING code, geom
)
SELECT code FROM fixed WHERE ST_IsEmpty(geom) OR ST_Area(geom) = 0;
