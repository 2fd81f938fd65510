-- The crosswalk from the wards of one set to those of the set that followed it, in EPSG:27700:
-- the land of each intersection, and the residents on it (mid-2020), apportioned through the
-- later set's LSOAs: each LSOA's population is shared among the intersections it overlaps in
-- proportion to land, so the city's residents are kept exactly. Shares are of the land (or
-- residents) of the old ward that lies in any new ward, and of the new ward in any old one, so
-- each ward's shares sum to 1. Overlaps under 0.1 % of both wards' land (about a hectare here)
-- are slivers where the two generalised sets' lines do not coincide, not land that changed ward,
-- and are left out. $1 text earlier set; $2 text later set.
WITH pair AS (
  SELECT a.code AS from_code, b.code AS to_code,
         ST_Intersection(ST_Transform(a.geom, 27700), ST_Transform(b.geom, 27700)) AS geom
  FROM ward a
  JOIN ward b ON ST_Intersects(a.geom, b.geom)
  WHERE a.boundary_set_id = $1::text AND b.boundary_set_id = $2::text
),
land AS (
  SELECT p.*, ST_Area(p.geom) AS land_sq_m,
         ST_Area(p.geom) / SUM(ST_Area(p.geom)) OVER (PARTITION BY p.from_code) AS share_of_from,
         ST_Area(p.geom) / SUM(ST_Area(p.geom)) OVER (PARTITION BY p.to_code) AS share_of_to
  FROM pair p
),
kept AS (
  SELECT * FROM land WHERE share_of_from >= 1e-3 OR share_of_to >= 1e-3
),
piece AS (
  SELECT k.from_code, k.to_code, l.code AS lsoa_code, l.population_mid2020 AS population,
         ST_Area(ST_Intersection(k.geom, ST_Transform(l.geom, 27700))) AS land
  FROM kept k
  CROSS JOIN LATERAL lsoas_of_set((SELECT s.lsoa_set_id FROM boundary_set s WHERE s.id = $2::text)) l
  WHERE ST_Intersects(ST_Transform(l.geom, 27700), k.geom)
),
piece_residents AS (
  SELECT from_code, to_code, population * land / NULLIF(SUM(land) OVER (PARTITION BY lsoa_code), 0) AS residents
  FROM piece
),
residents AS (
  SELECT from_code, to_code, SUM(residents) AS residents FROM piece_residents GROUP BY from_code, to_code
),
summed AS (
  SELECT k.from_code, k.to_code, k.land_sq_m, COALESCE(SUM(r.residents), 0) AS residents
  FROM kept k
  LEFT JOIN residents r ON r.from_code = k.from_code AND r.to_code = k.to_code
  GROUP BY k.from_code, k.to_code, k.land_sq_m
)
INSERT INTO ward_crosswalk (from_code, to_code, land_sq_m, land_share_of_from, land_share_of_to, residents,
                            residents_share_of_from, residents_share_of_to)
SELECT from_code, to_code, land_sq_m,
       land_sq_m / SUM(land_sq_m) OVER (PARTITION BY from_code),
       land_sq_m / SUM(land_sq_m) OVER (PARTITION BY to_code),
       residents,
       COALESCE(residents / NULLIF(SUM(residents) OVER (PARTITION BY from_code), 0), 0),
       COALESCE(residents / NULLIF(SUM(residents) OVER (PARTITION BY to_code), 0), 0)
FROM summed
RETURNING from_code;
