-- Coverage gaps: per source and month of a period, the units (wards of the current set, police
-- neighbourhoods of each force's current layer) that hold no incident of the source while the
-- city's count for that month and the unit's share of the city make none improbable: the
-- expected count is the city's count (incidents of the source placed in a unit of that level)
-- times the unit's share, and a unit is a gap when it holds none and exp(-expected), the Poisson
-- probability of none, is below the threshold. The units and their shares come from
-- coverage-units.sql, kept by the process.
-- $1 date first month; $2 date last month; $3 text[] sources or NULL for all; $4 text GeoJSON
-- extent (EPSG:4326) or NULL for the whole city: only units whose land overlaps it are reported
-- (a neighbour that merely touches it is not); $5 float8 threshold, 0 < p < 1; $6 int a cell size
-- incident_cell_count keeps (COUNTED_SIZES); $7 text[] levels, $8 text[] keys, $9 text[] codes,
-- $10 text[] names, $11 float8[] shares, $12 text[] bases: the units, one per index.
WITH shares AS (
  SELECT u.level, u.key, u.code, u.name, u.share, u.basis,
         CASE u.level WHEN 'ward' THEN (SELECT w.geom FROM ward w WHERE w.code = u.key)
                      ELSE (SELECT n.geom FROM police_neighbourhood n WHERE n.id = u.key::int) END AS geom
  FROM unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::float8[], $12::text[])
       AS u(level, key, code, name, share, basis)
),
-- The counts come from incident_cell_count at one counted cell size ($6), kept equal to a GROUP BY
-- over incident by triggers and a few hundred times smaller: counting incident itself took a
-- second for a year at 1,000,000 incidents, on every hot-spot analysis. A report has a row at its
-- exact point and one at its published point, so only 'both' and 'exact' rows are summed; '' and 0
-- are the table's "no unit".
counts AS (
  SELECT source, month,
         CASE WHEN GROUPING(ward_code) = 0 THEN 'ward' ELSE 'police_neighbourhood' END AS level,
         CASE WHEN GROUPING(ward_code) = 0 THEN ward_code ELSE police_neighbourhood_id::text END AS key,
         sum(n)::float8 AS n
  FROM incident_cell_count
  WHERE cell_size = $6::int AND points IN ('both', 'exact')
    AND month BETWEEN $1::date AND $2::date
    AND ($3::text[] IS NULL OR source = ANY($3::text[]))
  -- Both levels in one pass over the kept counts (two passes took twice as long).
  GROUP BY GROUPING SETS ((source, month, ward_code), (source, month, police_neighbourhood_id))
  HAVING sum(n) > 0
     AND CASE WHEN GROUPING(ward_code) = 0 THEN ward_code <> '' ELSE police_neighbourhood_id <> 0 END
),
city AS (
  SELECT c.source, c.month, c.level, SUM(c.n) AS n
  FROM counts c
  JOIN shares u ON u.level = c.level AND u.key = c.key
  GROUP BY c.source, c.month, c.level
)
SELECT c.source,
       u.level,
       u.key,
       u.code,
       u.name,
       to_char(c.month, 'YYYY-MM') AS month,
       c.n::int AS "cityCount",
       (c.n * u.share)::float8 AS expected,
       u.basis
FROM city c
JOIN shares u ON u.level = c.level
-- Compared as logarithms: exp(-expected) underflows, an error in PostgreSQL, once expected passes
-- about 745 (a ward's share of a month of a large force).
WHERE c.n * u.share > -ln($5::float8)
  AND NOT EXISTS (SELECT 1 FROM counts k
                  WHERE k.source = c.source AND k.month = c.month AND k.level = c.level AND k.key = u.key)
  AND ($4::text IS NULL
       OR (ST_Intersects(u.geom, ST_SetSRID(ST_GeomFromGeoJSON($4::text), 4326))
           AND NOT ST_Touches(u.geom, ST_SetSRID(ST_GeomFromGeoJSON($4::text), 4326))))
ORDER BY c.source, u.level DESC, u.code, c.month;
