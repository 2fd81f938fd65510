-- Adds boards, one per name, in the order given. $1 text[] names; $2 created_by.
INSERT INTO board (name, created_by)
SELECT n.name, $2::text FROM unnest($1::text[]) WITH ORDINALITY AS n(name, k) ORDER BY n.k
RETURNING id::text AS id, name;
