-- Fills the batch's staging table from column arrays (one statement per batch, all values bound).
-- $1 int[] lines … $12 text[] contexts, all of one length.
INSERT INTO police_staging
SELECT *
FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::date[], $6::float8[], $7::float8[],
            $8::text[], $9::text[], $10::text[], $11::text[], $12::text[]);
