-- One edition's figures for each LSOA (loader batch). $1 text[] LSOA codes; $2 int edition.
SELECT lsoa_code AS key, domain, score, rank, decile
FROM lsoa_deprivation
WHERE lsoa_code = ANY($1::text[]) AND edition = $2::int;
