-- Ends every open-ended set before the load writes the sets' dates again, so that the one
-- current set per kind can move from one set to another within the load's transaction.
UPDATE boundary_set SET valid_to = valid_from WHERE valid_to IS NULL;
