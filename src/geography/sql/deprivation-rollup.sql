-- Indices of Deprivation rolled up from LSOAs to wards or areas (loader batch), as the
-- official local-authority summaries do: population-weighted average score and rank, the share
-- of population in deciles 1-2, LSOAs in the most deprived 10 % and 20 %, the worst decile.
-- LSOAs join a ward by the ONS best-fit lookup of its set (2011 LSOAs to the 2013 wards, 2021
-- LSOAs to the 2023 wards), and an area through its wards in one ward set.
-- $1 text[] ward or area codes; $2 int edition; $3 text population basis ('mid2015' or
-- 'mid2020'); $4 text level ('ward' or 'area'); $5 text the ward set of an area (NULL: current).
WITH f AS (
  SELECT CASE $4::text WHEN 'area' THEN w.area_code ELSE k.ward_code END AS key,
         d.domain, d.score, d.rank, d.decile,
         (CASE $3::text WHEN 'mid2020' THEN l.population_mid2020 ELSE l.population_mid2015 END)::float8 AS pop
  FROM lsoa_ward_lookup k
  JOIN lsoa l ON l.code = k.lsoa_code
  JOIN ward w ON w.code = k.ward_code
  JOIN lsoa_deprivation d ON d.lsoa_code = l.code AND d.edition = $2::int
  WHERE $4::text = 'ward' OR w.boundary_set_id = COALESCE($5::text, current_set('ward'))
)
SELECT key,
       domain,
       (SUM(score * pop) / NULLIF(SUM(pop) FILTER (WHERE score IS NOT NULL), 0))::float8 AS "averageScore",
       (SUM(rank * pop) / NULLIF(SUM(pop), 0))::float8 AS "averageRank",
       (COALESCE(SUM(pop) FILTER (WHERE decile <= 2), 0) / NULLIF(SUM(pop), 0))::float8 AS "populationShareInDeciles1And2",
       (COUNT(*) FILTER (WHERE decile = 1))::int AS "lsoasInMostDeprived10Percent",
       (COUNT(*) FILTER (WHERE decile <= 2))::int AS "lsoasInMostDeprived20Percent",
       MIN(decile)::int AS "worstDecile",
       COUNT(*)::int AS "lsoaCount"
FROM f
WHERE key = ANY($1::text[])
GROUP BY key, domain;
