-- Repairs invalid LSOA outlines with ST_MakeValid, keeping only their polygonal part.
UPDATE lsoa SET geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3)) WHERE NOT ST_IsValid(geom);
