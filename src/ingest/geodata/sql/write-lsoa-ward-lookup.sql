-- Writes the best-fit lookup of every ward set (cleared first by delete-lsoa-ward-lookup).
-- $1 text[] LSOA codes; $2 text[] ward codes (same length).
INSERT INTO lsoa_ward_lookup (lsoa_code, ward_code)
SELECT l, w FROM unnest($1::text[], $2::text[]) AS k(l, w);
