-- Every source the hub holds rows from.
SELECT DISTINCT source FROM incident ORDER BY source;
