-- Which of the codes given name a unit of the level: a ward of the ward set $1, an area, or a
-- current police neighbourhood (by id). $1 ward set id; $2 level; $3 text[] codes.
SELECT c.code
FROM unnest($3::text[]) AS c(code)
WHERE ($2::text = 'ward' AND EXISTS (SELECT 1 FROM ward w WHERE w.code = c.code AND w.boundary_set_id = $1::text))
   OR ($2::text = 'area' AND EXISTS (SELECT 1 FROM area a WHERE a.code = c.code))
   OR ($2::text = 'policeNeighbourhood' AND EXISTS (
        SELECT 1 FROM police_neighbourhood n JOIN police_neighbourhood_layer l ON l.id = n.layer_id AND l.is_current
        WHERE n.id::text = c.code));
