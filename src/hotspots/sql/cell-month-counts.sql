-- Incidents per square cell and month from incident_cell_count (migration CellMonthCounts),
-- for a grid of a counted size: the same counts cells.sql computes from incident, month by month.
-- $1 int cell size; $2 date first month; $3 date last month; $4 text[] categories or NULL;
-- $5 text[] sources or NULL; $6 boolean exact points (false: reports at their published point);
-- $7..$10 int the grid's lowest and highest i and j. Cells outside the grid's box are left out
-- here and cells of the box outside the grid by the caller. cells.sql picks incidents by their
-- exact point inside the grid's box: a published report is picked by the cell of its exact point
-- (exact_i, exact_j) inside the box, which for these sizes is the same test.
SELECT i, j, to_char(month, 'YYYY-MM') AS month, sum(n)::int AS n
FROM incident_cell_count
WHERE cell_size = $1::int
  AND month BETWEEN $2::date AND $3::date
  AND ($4::text[] IS NULL OR category_slug = ANY($4::text[]))
  AND ($5::text[] IS NULL OR source = ANY($5::text[]))
  AND points IN ('both', CASE WHEN $6::boolean THEN 'exact' ELSE 'published' END)
  AND i BETWEEN $7::int AND $8::int
  AND j BETWEEN $9::int AND $10::int
  AND exact_i BETWEEN $7::int AND $8::int
  AND exact_j BETWEEN $9::int AND $10::int
GROUP BY i, j, month;
