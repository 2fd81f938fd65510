-- Areas by code (loader batch). $1 text[] codes; primary key lookup.
SELECT code, name, description
FROM area
WHERE code = ANY($1::text[]);
