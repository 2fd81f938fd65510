-- Outlines with no area left (nothing polygonal survived a repair).
SELECT 'ward' AS kind, code FROM ward WHERE ST_IsEmpty(geom) OR ST_Area(geom) = 0
UNION ALL
SELECT 'lsoa', code FROM lsoa WHERE ST_IsEmpty(geom) OR ST_Area(geom) = 0;
