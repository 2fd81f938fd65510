-- How the incidents of chosen cells split between wards, areas and police neighbourhoods, as
-- cell-units.sql, summed from incident_cell_count (migration CellMonthCounts) for a square size
-- counted there. $1 int cell size; $2 date first month; $3 date last month; $4 text[] categories
-- or NULL; $5 text[] sources or NULL; $6 boolean exact points; $7 int[] i and $8 int[] j of the
-- cells wanted; $9 boolean: name incidents by the ward and area of their month rather than by
-- those of the current set. cell-units.sql picks incidents by their exact point inside the box of
-- the wanted cells: exact_i, exact_j inside it is the same test (see the migration).
WITH wanted AS (
  SELECT * FROM unnest($7::int[], $8::int[]) AS w(i, j)
),
box AS (
  SELECT min(i) AS i0, max(i) AS i1, min(j) AS j0, max(j) AS j1 FROM wanted
)
SELECT c.i, c.j,
       NULLIF(CASE WHEN $9::boolean THEN c.month_ward_code ELSE c.ward_code END, '') AS "wardCode",
       NULLIF(CASE WHEN $9::boolean THEN c.month_area_code ELSE c.area_code END, '') AS "areaCode",
       NULLIF(c.police_neighbourhood_id, 0) AS "policeNeighbourhoodId",
       sum(c.n)::int AS n
FROM box, incident_cell_count c
JOIN wanted w ON w.i = c.i AND w.j = c.j
WHERE c.cell_size = $1::int
  AND c.month BETWEEN $2::date AND $3::date
  AND ($4::text[] IS NULL OR c.category_slug = ANY($4::text[]))
  AND ($5::text[] IS NULL OR c.source = ANY($5::text[]))
  AND c.points IN ('both', CASE WHEN $6::boolean THEN 'exact' ELSE 'published' END)
  AND c.exact_i BETWEEN box.i0 AND box.i1
  AND c.exact_j BETWEEN box.j0 AND box.j1
GROUP BY 1, 2, 3, 4, 5;
