-- The rows a batch inserted (insert-placed.sql), with the columns the counts and the reference check read;
-- dropped at commit.
CREATE TEMP TABLE police_written (
  month date,
  category_slug text,
  source text,
  geom_bng geometry,
  ward_code text,
  area_code text,
  month_ward_code text,
  month_area_code text,
  lsoa_code text,
  police_neighbourhood_id int
) ON COMMIT DROP;
