-- The share of each LSOA's land in each ward it overlaps, for every ward set and the LSOA set
-- paired with it (2011 LSOAs in the 2013 wards, 2021 LSOAs in the 2023 wards), measured in
-- EPSG:27700 (metres), as a fraction of the LSOA land that lies in any ward of the set, so every
-- LSOA's shares within a set sum to 1 and apportioned populations keep the city total
-- (generalised LSOA and ward outlines do not coincide exactly). Overlaps under one in a million
-- are slivers and are left out. Returns a row per share written.
WITH overlap AS (
  SELECT l.code AS lsoa_code,
         w.code AS ward_code,
         w.boundary_set_id AS ward_set,
         ST_Area(ST_Intersection(ST_Transform(l.geom, 27700), ST_Transform(w.geom, 27700))) AS land
  FROM ward w
  JOIN boundary_set ws ON ws.id = w.boundary_set_id
  CROSS JOIN LATERAL lsoas_of_set(ws.lsoa_set_id) l
  WHERE ST_Intersects(l.geom, w.geom)
),
kept AS (
  SELECT o.*, o.land / SUM(o.land) OVER (PARTITION BY o.ward_set, o.lsoa_code) AS share
  FROM overlap o
)
INSERT INTO lsoa_ward_share (lsoa_code, ward_code, share)
SELECT lsoa_code, ward_code, land / SUM(land) OVER (PARTITION BY ward_set, lsoa_code)
FROM kept
WHERE share > 1e-6
RETURNING lsoa_code;
