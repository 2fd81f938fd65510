-- Areas (the union of their wards in the current set) having a ward that meets tile $1/$2/$3
-- with its buffer; the GiST index on ward.geom finds those wards.
SELECT ST_Transform(ST_Union(w.geom), 3857) AS geom, a.code, a.name
FROM area a
JOIN ward w ON w.area_code = a.code AND w.boundary_set_id = current_set('ward')
WHERE a.code IN (
  SELECT t.area_code FROM ward t
  WHERE t.boundary_set_id = current_set('ward')
    AND t.geom && ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 0.015625), 4326)
)
GROUP BY a.code, a.name
