-- Every area × current police neighbourhood pair that overlaps, with the piece they share (as
-- RFC 7946 GeoJSON), the land they share (km², and as a share of each), the population they
-- share (each LSOA's mid-2020 population split by the share of its land in the overlap), and the
-- incidents of the period assigned to both. Areas are made of the wards of one set, and
-- residents come from the LSOA set paired with it, so no land or resident is counted twice.
-- All areas in EPSG:27700. Overlaps under 1 m² (slivers of generalised outlines) are left out.
-- $1 text force; $2 date first month; $3 date last month (both NULL: no incident counted);
-- $4 text ward set; $5 boolean: count incidents by the area of their month (an earlier set, over
-- the months it held) rather than by their area in the current set.
WITH areas AS (
  SELECT area_code AS code, ST_Transform(ST_Union(geom), 27700) AS g
  FROM ward WHERE boundary_set_id = $4::text
  GROUP BY area_code
),
neighbourhoods AS (
  SELECT n.id, ST_Transform(n.geom, 27700) AS g
  FROM police_neighbourhood n
  JOIN police_neighbourhood_layer l ON l.id = n.layer_id AND l.is_current AND l.force = $1::text
),
pairs AS (
  SELECT a.code AS area, s.id AS police_neighbourhood_id, ST_Intersection(a.g, s.g) AS g, ST_Area(a.g) AS area_land, ST_Area(s.g) AS neighbourhood_land
  FROM areas a
  JOIN neighbourhoods s ON ST_Intersects(a.g, s.g)
),
lsoas AS (
  SELECT l.population_mid2020 AS pop, ST_Transform(l.geom, 27700) AS g
  FROM boundary_set ws
  CROSS JOIN LATERAL lsoas_of_set(ws.lsoa_set_id) l
  WHERE ws.id = $4::text
)
SELECT p.area,
       p.police_neighbourhood_id AS "policeNeighbourhoodId",
       ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Transform(p.g, 4326)), 6)::json AS geometry,
       ST_Area(p.g) / 1e6 AS "landSqKm",
       ST_Area(p.g) / p.area_land AS "shareOfArea",
       ST_Area(p.g) / p.neighbourhood_land AS "shareOfNeighbourhood",
       COALESCE((SELECT SUM(l.pop * ST_Area(ST_Intersection(l.g, p.g)) / ST_Area(l.g))
                 FROM lsoas l WHERE ST_Intersects(l.g, p.g)), 0)::float8 AS population,
       (SELECT count(*) FROM incident i
        WHERE CASE WHEN $5::boolean THEN i.month_area_code ELSE i.area_code END = p.area
          AND i.police_neighbourhood_id = p.police_neighbourhood_id
          AND i.month BETWEEN $2::date AND $3::date)::int AS incidents
FROM pairs p
WHERE ST_Area(p.g) >= 1
ORDER BY p.area, p.police_neighbourhood_id;
