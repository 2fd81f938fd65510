-- LSOAs by code (loader batch). $1 text[] codes; primary key lookup.
SELECT /*COLUMNS*/
FROM lsoa
WHERE code = ANY($1::text[]);
