-- What a laid grid's ward names rest on: each ward of the set with its row version (xmin, new on
-- every insert and update, kept by VACUUM and freezing), so any change to the set's wards, their
-- outlines or areas gives another stamp. $1 text ward set.
SELECT COALESCE(string_agg(code || '@' || xmin::text, ',' ORDER BY code), '') AS stamp
FROM ward WHERE boundary_set_id = $1::text;
