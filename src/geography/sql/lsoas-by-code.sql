-- LSOAs by code (loader batch), each with its best-fit ward in the latest ward set that has one
-- (the current set, or for an LSOA retired before it, the set of its time). $1 text[] codes;
-- primary key lookup.
SELECT /*COLUMNS*/,
       (SELECT k.ward_code FROM lsoa_ward_lookup k
        JOIN ward w ON w.code = k.ward_code JOIN boundary_set s ON s.id = w.boundary_set_id
        WHERE k.lsoa_code = lsoa.code ORDER BY s.valid_from DESC LIMIT 1) AS "wardCode"
FROM lsoa
WHERE lsoa.code = ANY($1::text[]);
