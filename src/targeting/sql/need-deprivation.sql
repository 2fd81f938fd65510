-- One edition's IMD and domains rolled up to every unit of a level, as the official local
-- summaries do: population-weighted average score (null where the edition published no scores)
-- and average rank of the unit's LSOAs. The MEMBERS slot pairs each unit with its LSOAs, spliced in
-- from NEED_UNIT in need.service.ts (the ONS best-fit lookup of the ward set for wards and
-- areas; an LSOA is its own member; a police neighbourhood takes the LSOAs whose point on
-- surface it holds). $1 text ward set; $2 int edition; $3 text population basis ('mid2015' or
-- 'mid2020'). Reads lsoa_deprivation by its primary key (lsoa_code, edition, domain).
WITH members AS (/*MEMBERS*/),
f AS (
  SELECT m.key, d.domain, d.score, d.rank,
         (CASE $3::text WHEN 'mid2020' THEN l.population_mid2020 ELSE l.population_mid2015 END)::float8 AS pop
  FROM members m
  JOIN lsoa l ON l.code = m.lsoa_code
  JOIN lsoa_deprivation d ON d.lsoa_code = l.code AND d.edition = $2::int
)
SELECT key,
       domain,
       (SUM(score * pop) / NULLIF(SUM(pop) FILTER (WHERE score IS NOT NULL), 0))::float8 AS "averageScore",
       (SUM(rank * pop) / NULLIF(SUM(pop), 0))::float8 AS "averageRank",
       COUNT(*)::int AS "lsoaCount"
FROM f
GROUP BY key, domain;
