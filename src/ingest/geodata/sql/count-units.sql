-- How many areas, wards and LSOAs the database holds.
SELECT (SELECT count(*) FROM area)::int AS areas,
       (SELECT count(*) FROM ward)::int AS wards,
       (SELECT count(*) FROM lsoa)::int AS lsoas;
