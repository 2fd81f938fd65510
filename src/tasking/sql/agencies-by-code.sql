-- Agencies by code (loader batch and existence checks). $1 text[] codes.
SELECT code, name, kind FROM agency WHERE code = ANY($1::text[]);
