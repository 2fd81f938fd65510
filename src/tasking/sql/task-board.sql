-- A board's id and name, when the hub holds it. $1 int id.
SELECT id::text AS id, name FROM board WHERE id = $1::int;
