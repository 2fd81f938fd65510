-- Writes deprivation figures. $1 json [{lsoa, edition, domain, score, rank, decile}].
INSERT INTO lsoa_deprivation (lsoa_code, edition, domain, score, rank, decile)
SELECT r.lsoa, r.edition, r.domain, r.score, r.rank, r.decile
FROM json_to_recordset($1::json) AS r(lsoa text, edition smallint, domain text, score float8, rank int, decile smallint);
