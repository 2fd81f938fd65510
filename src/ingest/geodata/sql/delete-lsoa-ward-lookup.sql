-- Clears the best-fit lookup before it is written again.
DELETE FROM lsoa_ward_lookup;
