-- A staging table for one batch, dropped when the batch's transaction ends.
CREATE TEMP TABLE police_staging (
  line int,
  source text,
  source_key text,
  category_slug text,
  month date,
  lon float8,
  lat float8,
  location text,
  reported_lsoa_code text,
  outcome text,
  reported_by text,
  context text
) ON COMMIT DROP;
