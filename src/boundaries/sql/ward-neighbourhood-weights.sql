-- What each ward shares with each current neighbourhood of a force: residents (each LSOA's
-- mid-2020 population split by the share of its land in the ward ∩ neighbourhood), land (km²,
-- EPSG:27700) and incidents of a period assigned to both. $1 text force; $2 date first month;
-- $3 date last month.
WITH pieces AS (
  SELECT w.code AS ward, n.id AS police_neighbourhood_id, ST_Intersection(ST_Transform(w.geom, 27700), ST_Transform(n.geom, 27700)) AS g
  FROM ward w
  JOIN police_neighbourhood n ON ST_Intersects(w.geom, n.geom)
  JOIN police_neighbourhood_layer l ON l.id = n.layer_id AND l.is_current AND l.force = $1::text
)
SELECT p.ward,
       p.police_neighbourhood_id AS "policeNeighbourhoodId",
       ST_Area(p.g) / 1e6 AS land,
       COALESCE((SELECT SUM(l.population_mid2020 * ST_Area(ST_Intersection(ST_Transform(l.geom, 27700), p.g))
                           / ST_Area(ST_Transform(l.geom, 27700)))
                 FROM lsoa l WHERE ST_Intersects(ST_Transform(l.geom, 27700), p.g)), 0)::float8 AS population,
       (SELECT count(*) FROM incident i
        WHERE i.ward_code = p.ward AND i.police_neighbourhood_id = p.police_neighbourhood_id
          AND i.month BETWEEN $2::date AND $3::date)::int AS incidents
FROM pieces p
WHERE ST_Area(p.g) >= 1;
