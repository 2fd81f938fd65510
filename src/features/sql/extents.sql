-- The spatial extent [west, south, east, north] of each collection's features (those an items
-- request without filters returns). Incidents are only stored inside a ward, so theirs is every
-- ward's, widened by 0.001° (more than a published point moves, at most 50 m on each axis): no
-- incident point is read for it, so it reveals none. No parameters.
WITH box AS (
  SELECT 'wards' AS id, ST_Extent(geom) AS e FROM ward WHERE boundary_set_id = current_set('ward')
  UNION ALL
  SELECT 'areas', ST_Extent(geom) FROM ward WHERE boundary_set_id = current_set('ward')
  UNION ALL
  SELECT 'lsoas', ST_Extent(geom) FROM lsoas_of_set(current_set('lsoa'))
  UNION ALL
  SELECT 'police-neighbourhoods', ST_Extent(n.geom)
  FROM police_neighbourhood n JOIN police_neighbourhood_layer y ON y.id = n.layer_id AND y.is_current
  UNION ALL
  SELECT 'incidents', ST_Expand(ST_Extent(geom)::box3d, 0.001)::box2d FROM ward
)
SELECT id, ST_XMin(e) AS west, ST_YMin(e) AS south, ST_XMax(e) AS east, ST_YMax(e) AS north
FROM box
WHERE e IS NOT NULL;
