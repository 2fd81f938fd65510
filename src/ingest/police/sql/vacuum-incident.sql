-- After an import: refresh planner statistics and the visibility map, so stats queries can
-- count from the covering (ward or area, month, category) indexes without visiting the table.
VACUUM (ANALYZE) incident;
