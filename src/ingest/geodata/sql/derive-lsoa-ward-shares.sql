-- The share of each LSOA's land in each ward it overlaps, measured in EPSG:27700 (metres), as a
-- fraction of the LSOA land that lies in any ward, so every LSOA's shares sum to 1 and
-- apportioned populations keep the city total (generalised LSOA and ward outlines do not
-- coincide exactly). Overlaps under one in a million are slivers and are left out.
-- The GiST indexes on both outlines find the overlapping pairs. Returns a row per share written.
WITH overlap AS (
  SELECT l.code AS lsoa_code,
         w.code AS ward_code,
         ST_Area(ST_Intersection(ST_Transform(l.geom, 27700), ST_Transform(w.geom, 27700))) AS land
  FROM lsoa l
  JOIN ward w ON ST_Intersects(l.geom, w.geom)
),
kept AS (
  SELECT o.*, o.land / SUM(o.land) OVER (PARTITION BY o.lsoa_code) AS share
  FROM overlap o
)
INSERT INTO lsoa_ward_share (lsoa_code, ward_code, share)
SELECT lsoa_code, ward_code, land / SUM(land) OVER (PARTITION BY lsoa_code)
FROM kept
WHERE share > 1e-6
RETURNING lsoa_code;
