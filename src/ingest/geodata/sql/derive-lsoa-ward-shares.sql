-- The share of each LSOA's land in each ward it overlaps, measured in EPSG:27700 (metres).
-- Returns one row per share written, so the loader can report how many.
-- Shares under one in a million are slivers of generalised boundaries and are left out.
-- The GiST indexes on both outlines find the overlapping pairs.
INSERT INTO lsoa_ward_share (lsoa_code, ward_code, share)
SELECT lsoa_code, ward_code, share
FROM (
  SELECT l.code AS lsoa_code,
         w.code AS ward_code,
         ST_Area(ST_Intersection(ST_Transform(l.geom, 27700), ST_Transform(w.geom, 27700)))
           / ST_Area(ST_Transform(l.geom, 27700)) AS share
  FROM lsoa l
  JOIN ward w ON ST_Intersects(l.geom, w.geom)
) s
WHERE share > 1e-6
RETURNING lsoa_code;
