-- What each ward of one set shares with each current neighbourhood of a force: residents (each
-- LSOA of the set's paired LSOA set, its mid-2020 population split by the share of its land in
-- the ward ∩ neighbourhood), land (km², EPSG:27700) and incidents of a period assigned to both.
-- $1 text force; $2 date first month; $3 date last month (both NULL: no incident counted);
-- $4 text ward set; $5 boolean: count incidents by the ward of their month (an earlier set, over
-- the months it held) rather than by their ward in the current set.
WITH pieces AS (
  SELECT w.code AS ward, n.id AS police_neighbourhood_id, ST_Intersection(ST_Transform(w.geom, 27700), ST_Transform(n.geom, 27700)) AS g
  FROM ward w
  JOIN police_neighbourhood n ON ST_Intersects(w.geom, n.geom)
  JOIN police_neighbourhood_layer l ON l.id = n.layer_id AND l.is_current AND l.force = $1::text
  WHERE w.boundary_set_id = $4::text
),
lsoas AS MATERIALIZED (
  SELECT l.population_mid2020 AS pop, ST_Transform(l.geom, 27700) AS g
  FROM boundary_set ws
  CROSS JOIN LATERAL lsoas_of_set(ws.lsoa_set_id) l
  WHERE ws.id = $4::text
)
SELECT p.ward,
       p.police_neighbourhood_id AS "policeNeighbourhoodId",
       ST_Area(p.g) / 1e6 AS land,
       COALESCE((SELECT SUM(l.pop * ST_Area(ST_Intersection(l.g, p.g)) / ST_Area(l.g))
                 FROM lsoas l WHERE ST_Intersects(l.g, p.g)), 0)::float8 AS population,
       (SELECT count(*) FROM incident i
        WHERE CASE WHEN $5::boolean THEN i.month_ward_code ELSE i.ward_code END = p.ward
          AND i.police_neighbourhood_id = p.police_neighbourhood_id
          AND i.month BETWEEN $2::date AND $3::date)::int AS incidents
FROM pieces p
WHERE ST_Area(p.g) >= 1;
