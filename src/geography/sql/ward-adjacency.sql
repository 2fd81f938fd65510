-- Every pair of wards of one set sharing a boundary line (both directions), for contiguity checks:
-- ward_adjacency, kept by a trigger on ward (migration SummaryTables).
SELECT ward_code AS "wardCode", neighbour_code AS "neighbourCode"
FROM ward_adjacency;
