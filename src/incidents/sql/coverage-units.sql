-- The units the coverage test weighs (wards of the current set, police neighbourhoods of each
-- force's current layer), each with its share of its level: its share of the level's mid-2020
-- population (each LSOA of the current set apportioned by its land in the unit), or of its land
-- when the hub holds no population for the level (geography loaded without LSOAs). Rests on the
-- geography alone, so the process keeps it until coverage-units-stamp moves: apportioning the
-- LSOAs' land took about 300 ms, on every hot-spot analysis.
WITH units AS (
  SELECT 'ward'::text AS level, w.code AS key, w.code, w.name, w.geom,
         COALESCE((SELECT SUM(l.population_mid2020 * s.share)
                   FROM lsoa_ward_share s JOIN lsoa l ON l.code = s.lsoa_code
                   WHERE s.ward_code = w.code), 0)::float8 AS population
  FROM ward w
  WHERE w.boundary_set_id = current_set('ward')
  UNION ALL
  SELECT 'police_neighbourhood', n.id::text, n.code, n.name, n.geom,
         COALESCE((SELECT SUM(l.population_mid2020
                              * ST_Area(ST_Intersection(ST_Transform(l.geom, 27700), ST_Transform(n.geom, 27700)))
                              / NULLIF(ST_Area(ST_Transform(l.geom, 27700)), 0))
                   FROM lsoas_of_set(current_set('lsoa')) l
                   WHERE ST_Intersects(l.geom, n.geom)), 0)::float8
  FROM police_neighbourhood n
  JOIN police_neighbourhood_layer y ON y.id = n.layer_id AND y.is_current
),
shares AS (
  SELECT level, key, code, name, geom,
         CASE WHEN SUM(population) OVER (PARTITION BY level) > 0
              THEN population / SUM(population) OVER (PARTITION BY level)
              ELSE ST_Area(ST_Transform(geom, 27700)) / SUM(ST_Area(ST_Transform(geom, 27700))) OVER (PARTITION BY level)
         END AS share,
         CASE WHEN SUM(population) OVER (PARTITION BY level) > 0 THEN 'population' ELSE 'area' END AS basis
  FROM units
)
SELECT level, key, code, name, share::float8 AS share, basis FROM shares ORDER BY level, key;
