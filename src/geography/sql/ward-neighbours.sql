-- Wards of the same set sharing a boundary line with each given ward (loader batch), by name. Touching at a
-- single point does not count; a sliver overlap between generalised boundaries does. Read from
-- ward_adjacency, which a trigger on ward recomputes when a set's outlines change (migration
-- SummaryTables), rather than intersecting outlines on every request.
-- $1 text[] ward codes.
SELECT j.ward_code AS "wardCode", j.neighbour_code AS "neighbourCode"
FROM ward_adjacency j
JOIN ward b ON b.code = j.neighbour_code
WHERE j.ward_code = ANY($1::text[])
ORDER BY b.name;
