-- The rows a first load writes, in the shape bulk-check-references, bulk-cell-counts and
-- bulk-month-counts read (create-written.sql's police_written), so that the load checks its
-- references and adds its counts with the bulk path's own statements, once for the whole load.
-- Every key is in the load once, with its final placement, so each row is counted once.
CREATE TEMP TABLE police_written ON COMMIT DROP AS
SELECT month, category_slug, source, geom_bng, ward_code, area_code, month_ward_code, month_area_code, lsoa_code,
       police_neighbourhood_id
FROM incident_load;
