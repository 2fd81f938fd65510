-- Clears every LSOA's deprivation figures before they are written again.
DELETE FROM lsoa_deprivation;
