-- A layer's outlines PostGIS finds invalid, with its reason. $1 int layer id.
SELECT code, ST_IsValidReason(geom) AS reason FROM police_neighbourhood WHERE layer_id = $1::int AND NOT ST_IsValid(geom) ORDER BY code;
