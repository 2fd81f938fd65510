-- LSOAs of the current LSOA set meeting tile $1/$2/$3 with its buffer, with the decile of the
-- latest edition of the Index of Multiple Deprivation held for each (1 = most deprived 10 %) and
-- the ONS mid-2020 population estimate. GiST index on lsoa.geom.
SELECT ST_Transform(l.geom, 3857) AS geom, l.code, l.name,
       d.decile::int AS "imdDecile", d.edition::int AS "imdEdition", l.population_mid2020 AS population
FROM lsoas_of_set(current_set('lsoa')) l
LEFT JOIN LATERAL (
  SELECT x.decile, x.edition FROM lsoa_deprivation x
  WHERE x.lsoa_code = l.code AND x.domain = 'imd' ORDER BY x.edition DESC LIMIT 1
) d ON true
WHERE l.geom && ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 0.015625), 4326)
