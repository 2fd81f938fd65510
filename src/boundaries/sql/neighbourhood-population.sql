-- Mid-2020 population of each neighbourhood (loader batch): every LSOA of the current LSOA set,
-- its population times the share of its land inside the neighbourhood (EPSG:27700); the 2011 and
-- 2021 sets overlap, so one set only. $1 int[] neighbourhood ids.
SELECT n.id::text AS code,
       SUM(l.population_mid2020 * ST_Area(ST_Intersection(ST_Transform(l.geom, 27700), ST_Transform(n.geom, 27700)))
           / NULLIF(ST_Area(ST_Transform(l.geom, 27700)), 0))::float8 AS population
FROM police_neighbourhood n
JOIN lsoas_of_set(current_set('lsoa')) l ON ST_Intersects(l.geom, n.geom)
WHERE n.id = ANY($1::int[])
GROUP BY n.id;
