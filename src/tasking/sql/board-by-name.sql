-- The boards with one of these names (to refuse a duplicate before inserting). $1 text[] names.
SELECT b.id::text AS id, b.name FROM board b WHERE b.name = ANY($1::text[]);
