-- Boards by id (loader batch). $1 int[] ids.
SELECT /*BOARD_COLUMNS*/ FROM board b WHERE b.id = ANY($1::int[]);
