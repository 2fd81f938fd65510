-- A first load's batches share one transaction: drops this batch's staging and placed tables
-- (create-staging, place-staged), which would otherwise live until commit, so the next batch can
-- make its own.
DROP TABLE police_staging, police_placed;
