-- Clears the derived crosswalk before it is computed again.
DELETE FROM ward_crosswalk;
