-- Clears the derived LSOA-to-ward land shares before they are computed again.
DELETE FROM lsoa_ward_share;
