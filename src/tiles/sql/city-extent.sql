-- The city's extent: the bounding box of the current ward set, [west, south, east, north] in WGS 84.
SELECT ST_XMin(b) AS west, ST_YMin(b) AS south, ST_XMax(b) AS east, ST_YMax(b) AS north
FROM (SELECT ST_Extent(geom)::box2d AS b FROM ward WHERE boundary_set_id = current_set('ward')) e
WHERE b IS NOT NULL
