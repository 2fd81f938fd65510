-- Coverage gaps: per source and month of a period, the units (wards of the current set, police
-- neighbourhoods of each force's current layer) that hold no incident of the source while the
-- city's count for that month and the unit's share of the city make none improbable: the
-- expected count is the city's count (incidents of the source placed in a unit of that level)
-- times the unit's share, and a unit is a gap when it holds none and exp(-expected), the Poisson
-- probability of none, is below the threshold. A unit's share is its share of the level's
-- mid-2020 population (each LSOA of the current set apportioned by its land in the unit), or of
-- its land when the hub holds no population for the level (geography loaded without LSOAs).
-- $1 date first month; $2 date last month; $3 text[] sources or NULL for all; $4 text GeoJSON
-- extent (EPSG:4326) or NULL for the whole city: only units whose land overlaps it are reported
-- (a neighbour that merely touches it is not); $5 float8 threshold, 0 < p < 1.
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
),
counts AS (
  SELECT source, month, 'ward'::text AS level, ward_code AS key, count(*)::float8 AS n
  FROM incident
  WHERE month BETWEEN $1::date AND $2::date
    AND ($3::text[] IS NULL OR source = ANY($3::text[]))
    AND ward_code IS NOT NULL
  GROUP BY source, month, ward_code
  UNION ALL
  SELECT source, month, 'police_neighbourhood', police_neighbourhood_id::text, count(*)::float8
  FROM incident
  WHERE month BETWEEN $1::date AND $2::date
    AND ($3::text[] IS NULL OR source = ANY($3::text[]))
    AND police_neighbourhood_id IS NOT NULL
  GROUP BY source, month, police_neighbourhood_id
),
city AS (
  SELECT c.source, c.month, c.level, SUM(c.n) AS n
  FROM counts c
  JOIN shares u ON u.level = c.level AND u.key = c.key
  GROUP BY c.source, c.month, c.level
)
SELECT c.source,
       u.level,
       u.key,
       u.code,
       u.name,
       to_char(c.month, 'YYYY-MM') AS month,
       c.n::int AS "cityCount",
       (c.n * u.share)::float8 AS expected,
       u.basis
FROM city c
JOIN shares u ON u.level = c.level
WHERE exp(-(c.n * u.share)) < $5::float8
  AND NOT EXISTS (SELECT 1 FROM counts k
                  WHERE k.source = c.source AND k.month = c.month AND k.level = c.level AND k.key = u.key)
  AND ($4::text IS NULL
       OR (ST_Intersects(u.geom, ST_SetSRID(ST_GeomFromGeoJSON($4::text), 4326))
           AND NOT ST_Touches(u.geom, ST_SetSRID(ST_GeomFromGeoJSON($4::text), 4326))))
ORDER BY c.source, u.level DESC, u.code, c.month;
