-- A current police neighbourhood's id from its data.police.uk code (how analyses name it).
-- $1 code.
SELECT n.id::text AS id
FROM police_neighbourhood n
JOIN police_neighbourhood_layer l ON l.id = n.layer_id AND l.is_current
WHERE n.code = $1::text
ORDER BY n.id
LIMIT 1;
