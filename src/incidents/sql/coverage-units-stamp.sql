-- What coverage-units.sql rests on: the current sets' wards, the current layers' neighbourhoods,
-- the LSOAs and the LSOA-ward shares, each row with its row version (xmin, new on every insert
-- and update), so any change to them gives another stamp (ward-stamp.sql's rule).
SELECT concat_ws('|',
  (SELECT string_agg(code || '@' || xmin::text, ',' ORDER BY code) FROM ward WHERE boundary_set_id = current_set('ward')),
  (SELECT string_agg(n.id || '@' || n.xmin::text || '@' || y.xmin::text, ',' ORDER BY n.id)
   FROM police_neighbourhood n JOIN police_neighbourhood_layer y ON y.id = n.layer_id AND y.is_current),
  (SELECT current_set('lsoa')),
  (SELECT count(*) || '@' || max(xmin::text) FROM lsoa),
  (SELECT count(*) || '@' || max(xmin::text) FROM lsoa_ward_share)) AS stamp;
